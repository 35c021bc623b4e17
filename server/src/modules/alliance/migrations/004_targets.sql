-- The plan's coverage targets as data (a later plan changes them without code): which level,
-- what share of the units it applies to, by which date. Jinan (济教发〔2025〕8号): every
-- 区县 by 2025-12-31; 普通中小学 ≥50% by 2027-12-31 (力争) and all by 2030-12-31.
CREATE TABLE alliance_targets (
  id @ID@,
  level TEXT NOT NULL,
  share_pct INTEGER NOT NULL,
  due_on TEXT NOT NULL,
  label TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT ''
);
INSERT INTO alliance_targets (level, share_pct, due_on, label, source) VALUES ('district', 100, '2025-12-31', '2025年底前各区县全部建立区县级教联体', '济教发〔2025〕8号');
INSERT INTO alliance_targets (level, share_pct, due_on, label, source) VALUES ('school', 50, '2027-12-31', '2027年底前力争50%以上的普通中小学建立校级教联体', '济教发〔2025〕8号');
INSERT INTO alliance_targets (level, share_pct, due_on, label, source) VALUES ('school', 100, '2030-12-31', '2030年底前全市普通中小学全部建立校级教联体', '济教发〔2025〕8号');
