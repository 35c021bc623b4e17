-- Activities: one record of the work itself, entered once by the unit that organised it and
-- counted for every unit, district and measure it concerns.
--
-- The type catalog is data (a later plan adds types without code); each type serves one or
-- more measures of the catalog. open_day marks the types that count as a 家长开放日 for a
-- school's own per-semester status (measure 14: 每学期至少举办1~2次).
CREATE TABLE alliance_activity_types (
  id @ID@,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  hint TEXT NOT NULL DEFAULT '',
  open_day INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',
  sort INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE alliance_activity_type_measures (
  type_id BIGINT NOT NULL REFERENCES alliance_activity_types(id) ON DELETE CASCADE,
  measure_code INTEGER NOT NULL,
  PRIMARY KEY (type_id, measure_code)
);
-- Activities hold counts of people reached, never a list of children.
CREATE TABLE alliance_activities (
  id @ID@,
  type_id BIGINT NOT NULL REFERENCES alliance_activity_types(id),
  organiser_unit_id BIGINT NOT NULL,
  organiser_district_id BIGINT NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  sessions INTEGER NOT NULL DEFAULT 1,
  place TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL DEFAULT '[]',
  reached_students INTEGER NOT NULL DEFAULT 0,
  reached_parents INTEGER NOT NULL DEFAULT 0,
  reached_teachers INTEGER NOT NULL DEFAULT 0,
  reached_others INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX alliance_activities_organiser ON alliance_activities(organiser_unit_id, held_on);
CREATE INDEX alliance_activities_district ON alliance_activities(organiser_district_id, held_on);
CREATE INDEX alliance_activities_held ON alliance_activities(held_on);
-- The dates of a series (one row for a single date); held_on/ends_on/sessions above summarise them.
CREATE TABLE alliance_activity_dates (
  activity_id BIGINT NOT NULL REFERENCES alliance_activities(id) ON DELETE CASCADE,
  held_on TEXT NOT NULL,
  PRIMARY KEY (activity_id, held_on)
);
-- Partner units: each confirms its part with one click (confirmed_at), nobody re-enters it.
CREATE TABLE alliance_activity_partners (
  activity_id BIGINT NOT NULL REFERENCES alliance_activities(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL,
  district_id BIGINT NOT NULL DEFAULT 0,
  confirmed_at BIGINT,
  confirmed_by BIGINT,
  PRIMARY KEY (activity_id, unit_id)
);
CREATE INDEX alliance_activity_partners_unit ON alliance_activity_partners(unit_id);
CREATE INDEX alliance_activity_partners_district ON alliance_activity_partners(district_id);
-- Completed activities counted per month (of the first date), type and place in the city:
-- district_id 0 is the whole city (each activity once), -1 the units directly under the city
-- when no district takes part, otherwise a district bureau (each district taking part once).
-- Kept in the transaction that changes an activity, so the dashboard reads a few thousand
-- rows instead of every activity.
CREATE TABLE alliance_activity_rollup (
  month TEXT NOT NULL,
  district_id BIGINT NOT NULL,
  type_id BIGINT NOT NULL,
  activities BIGINT NOT NULL DEFAULT 0,
  reached BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (month, district_id, type_id)
);

INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('health_vp', '健康副校长履职', '医务人员任健康副校长、校医，配合学校开展健康教育、监测预警', 10);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('health_lecture', '健康讲座', '卫生专业技术人员进校园科普卫生健康知识', 11);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('nutrition', '营养配餐指导', '营养师进驻学校食堂指导膳食结构（不记录学生个人信息）', 12);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('mental_screening', '心理健康筛查（轮次）', '只记录开展了一轮筛查及人数，不记录结果和名单', 13);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('vision_check', '视力检测', '公益视力检测，记录检测人数，不记录结果', 14);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('pe_training', '体育教师培训', '专业教练、退役运动员为体育教师授课', 20);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('coach_in_school', '教练进校园', '专业教练指导跳绳、武术等校本课程', 21);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('sports_event', '校园赛事/家庭体育节', '“三横三纵”校园赛事、泉城家庭体育节、暑期体育夏令营', 22);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('dropout_help_group', '控辍保学帮扶小组活动', '只记录帮扶小组开展活动，不记录学生名单和家访记录', 30);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('community_service', '社区心理/法律服务', '社区心理咨询、法律顾问为未成年人服务（只记录次数和人数）', 31);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('study_station', '社区学习驿站开放', '社区学习驿站为学生免费开放', 32);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('building_check', '校舍安全体检', '校舍、场馆建筑安全体检', 33);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('fire_check', '消防检查', '消防安全检查及宣传教育', 34);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('food_check', '食品与用品检查', '学校及周边食品和学生用品督导检查', 35);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('parent_school_course', '家长学校课程', '家长学校培训课程（线上或线下）', 40);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('family_lecture', '家庭教育讲座', '教育专家、“五老”、优秀教师、心理专家为家长授课', 41);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('parent_group', '家长互助小组活动', '家长自发组队的亲子活动和经验交流', 42);
INSERT INTO alliance_activity_types (code, name, hint, open_day, sort) VALUES ('open_day', '家长开放日', '“教学成果展示日”“特色活动体验日”等主题开放日、家长接待日', 1, 43);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('parent_in_class', '家长进课堂', '家长发挥职业优势为学生开课', 44);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('elders_youth_lecture', '五老/共青团讲座', '“五老”、共青团为家长和学生开设讲座、活动', 45);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('two_way_evaluation', '家校双向评价（轮次）', '只记录开展了一轮评价，不记录对具体教师的评分', 46);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('venue_lesson', '馆所思政课/一校一馆一课', '学校与博物馆、档案馆、美术馆等馆所结对开展现场教学', 50);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('free_visit', '场馆免费开放/研学', '文化场馆、非遗基地、乡村研学点面向中小学生免费开放或研学', 51);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('campus_patrol', '护校安园巡查', '校园周边治安巡查', 60);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('traffic', '校园周边交通治理', '校门口及校园周边交通治理', 61);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('anti_terror_drill', '防暴恐演练', '只记录演练日期和参与人数，不上传演练方案', 62);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('law_class', '法治讲堂', '预防欺凌、网络安全、防诈反赌禁毒、交通安全等主题', 63);
INSERT INTO alliance_activity_types (code, name, hint, sort) VALUES ('police_liaison', '警校联络会商', '警校信息联系沟通（不记录警情和学生姓名）', 64);

INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 1 FROM alliance_activity_types WHERE code IN ('health_vp', 'health_lecture');
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 2 FROM alliance_activity_types WHERE code = 'nutrition';
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 3 FROM alliance_activity_types WHERE code = 'mental_screening';
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 4 FROM alliance_activity_types WHERE code IN ('vision_check', 'health_lecture');
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 6 FROM alliance_activity_types WHERE code = 'pe_training';
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 7 FROM alliance_activity_types WHERE code IN ('coach_in_school', 'sports_event');
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 8 FROM alliance_activity_types WHERE code = 'dropout_help_group';
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 9 FROM alliance_activity_types WHERE code = 'community_service';
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 10 FROM alliance_activity_types WHERE code = 'study_station';
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 11 FROM alliance_activity_types WHERE code IN ('family_lecture', 'parent_group');
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 12 FROM alliance_activity_types WHERE code IN ('building_check', 'fire_check', 'food_check');
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 13 FROM alliance_activity_types WHERE code IN ('parent_school_course', 'family_lecture');
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 14 FROM alliance_activity_types WHERE code IN ('open_day', 'parent_in_class', 'elders_youth_lecture');
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 15 FROM alliance_activity_types WHERE code = 'two_way_evaluation';
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 16 FROM alliance_activity_types WHERE code = 'venue_lesson';
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 17 FROM alliance_activity_types WHERE code = 'free_visit';
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 18 FROM alliance_activity_types WHERE code IN ('campus_patrol', 'traffic', 'anti_terror_drill');
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 19 FROM alliance_activity_types WHERE code = 'law_class';
INSERT INTO alliance_activity_type_measures (type_id, measure_code) SELECT id, 20 FROM alliance_activity_types WHERE code = 'police_liaison';
