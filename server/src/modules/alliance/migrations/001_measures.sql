-- The measure catalog of the 教联体 plan: linkages (联动) and their measures, as data that city
-- staff edit (a later plan adds or retires measures without code). Seeded with the 20 measures
-- of 《济南市家校社协同育人“教联体”工作实施方案》(济教发〔2025〕8号), 二、工作举措, with their
-- 责任单位 as written there.
CREATE TABLE alliance_linkages (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sort INTEGER NOT NULL
);
CREATE TABLE alliance_measures (
  id @ID@,
  code INTEGER NOT NULL UNIQUE,
  linkage TEXT NOT NULL REFERENCES alliance_linkages(key),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  departments TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'active',
  source TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0
);
INSERT INTO alliance_linkages (key, name, sort) VALUES ('medical', '医教联动', 1);
INSERT INTO alliance_linkages (key, name, sort) VALUES ('sports', '体教联动', 2);
INSERT INTO alliance_linkages (key, name, sort) VALUES ('community', '社教联动', 3);
INSERT INTO alliance_linkages (key, name, sort) VALUES ('family', '家校联动', 4);
INSERT INTO alliance_linkages (key, name, sort) VALUES ('venue', '馆校联动', 5);
INSERT INTO alliance_linkages (key, name, sort) VALUES ('police', '警校联动', 6);
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (1, 'medical', '构建驻校专业支撑体系', '区县教育与卫生健康部门建立健全协同机制,建立“医院—学校”联动机制,做好儿童青少年健康服务。支持医务人员担任中小学校健康副校长和校医,配合学校开展健康教育、监测预警、咨询服务、干预处置,健全学生心理健康服务体系,普及健康营养“66条”。', '["市教育局", "市卫生健康委"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (2, 'medical', '优化校园营养膳食供给', '推动学校与卫生健康部门深度合作,邀请专业营养师、减重师进驻学校食堂,科学调整菜品结构,为学生提供均衡膳食。针对有减重需求的学生制定个性化饮食方案,从饮食源头为学生健康成长筑牢营养保障防线。', '["市教育局", "市卫生健康委"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (3, 'medical', '加强学生心理健康问题筛查', '区县教育、卫生健康部门,依托权威精神卫生医疗机构,充分结合当前社情、教情、学情,研制科学地针对重点预防学生群体的筛查问卷,对部分学生实施定期监测,畅通预防转介干预就医通道。通过“发现-评估-干预-跟踪”闭环管理,确保心理危机干预工作科学、规范、高效。', '["市教育局", "市卫生健康委"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (4, 'medical', '加强近视防控和卫生健康教育', '区县教育部门、学校联合卫生健康部门,邀请具备医疗资质的视力防控机构开展公益视力检测,为学生提供科学的视力矫正与防控方案。邀请卫生专业技术人员通过举办科普讲座、课堂互动等丰富形式,向学生普及卫生健康知识,守护学生健康成长。', '["市教育局", "市卫生健康委"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (5, 'sports', '构建智慧运动服务网络', '构建“15分钟运动圈”,设计并发布“济南市中小学生运动地图”,精准标注公园、体育馆、社区运动场地等适合中小学生的公共体育场所,同时标注场所开放时间、设施类型及安全提示,方便学校及家长根据距离和需求,灵活组织学生开展体育活动。', '["市教育局", "市体育局"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (6, 'sports', '加强学校体育师资培训', '鼓励学校邀请体育部门推荐的专业教练、退役运动员等专业人员,对学校体育教师开展分层分类培训计划,通过理论授课、实践指导、案例研讨等形式更新教学理念,传授先进教学方法和运动训练技巧,全面提升中小学校体育教师教学水平与专业能力。', '["市教育局", "市体育局"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (7, 'sports', '构建多元体育活动体系', '统筹全市资源,完善“三横三纵”校园赛事体系,开放下属场馆支持学校日常教学及暑期体育夏令营活动,选派专业教练进校园指导跳绳、武术等校本课程开发,开展“泉城家庭体育节”等活动,设置亲子趣味赛项,形成以专业赛事为引领、场馆资源共享为支撑、家校社协同参与的立体化体育生态。', '["市教育局", "市体育局"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (8, 'community', '实施控辍保学联动计划', '建立“控辍保学”支持专项行动机制,学校定期梳理并反馈疑似辍学学生名单至社区。社区充分整合资源,组织大学生志愿者及热心居民联合组建帮扶小组,通过定期家访深入了解学生情况,开展针对性学习和心理辅导,全力筑牢防止学生辍学的防线。', '["市教育局"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (9, 'community', '构建社区安全守护体系', '挖掘社区内心理咨询、法律顾问等行业人员,为未成年人提供涵盖心理咨询疏导、法律知识普及、合法权益维护等服务,全方位呵护未成年人身心健康与合法权益;加强对困境儿童、留守儿童、流动儿童的关心关爱。', '["市教育局", "市民政局", "市司法局"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (10, 'community', '打造社区学习共享空间', '积极探索创建“社区学习驿站”,有效盘活社区闲置的活动室、会议室等空间资源,将其改造为免费课后学习场所,为社区学生提供安静、舒适的学习环境,助力学生课后自主学习与成长。', '["市教育局"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (11, 'community', '推动社区家长学校建设', '鼓励学校联合周边社区定期邀请教育专家、“五老”、优秀教师、心理专家等人员举办家庭教育讲座与培训课程,帮助家长更新教育理念、掌握科学教育方法。创新开展“家长互助小组”活动,鼓励社区内家长依据孩子年龄、兴趣等特点自发组队,定期组织亲子活动,促进家长间经验交流与合作,共同营造良好的家庭和社区教育氛围。', '["市教育局", "市妇联", "市关工委"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (12, 'community', '加强学校及周边环境安全治理', '建立学校校舍、场馆建筑定期安全体检制度,在标准、技术等方面提供支持。指导学校开展消防安全检查及消防安全宣传教育。定期对学校及周边食品和学生用品进行督导检查,确保学生饮食安全。常态化巡查学生常用平台,清理不良内容,处罚违规平台。', '["市教育局", "市委网信办", "市住房城乡建设局", "市市场监管局", "市消防救援支队"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (13, 'family', '充分发挥家长学校作用', '学校成立家长学校,定期举办培训活动,邀请教育专家、心理专家、家长代表等为家长授课,课程内容涵盖家庭教育理念和方法、亲子沟通技巧、心理健康教育、养育案例分享等方面。家长学校可以采用线上线下相结合的方式,满足不同家长的学习需求。针对重点关爱学生、亲子矛盾严重家庭,学校要建立家长-班主任-德育校长-心理教师会商制度,制定个性化的教育方案,帮助家长解决教育难题,促进学生健康成长。', '["市教育局", "市妇联"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (14, 'family', '多形式开展家校协同育人活动', '发挥家长的职业优势和特长,邀请家长走进课堂,为学生开展丰富多彩的课程。发挥“五老”、共青团在思想政治教育与引领上的作用,为家长和学生开设系列讲座、活动。推动“家长开放日”“家长接待日”等活动,每学期至少举办1~2次主题开放日,如“教学成果展示日”“特色活动体验日”等,将其打造为家校深度沟通的桥梁。', '["市教育局", "团市委", "市妇联", "市关工委"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (15, 'family', '探索建立家校双向评价机制', '为提高家校合作的质量和效果,在试点学校探索建立家校双向评价机制,家长对学校的教育教学工作、教师的教学态度和教学水平进行评价;学校对家长的家庭教育参与度、教育方式等进行合理建议。', '["市教育局"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (16, 'venue', '推进“馆所里的思政(法治)课”建设', '统筹本区域资源,建好用好实践教学基地,开展学校和博物馆、档案馆、美术馆等馆所结对共建,共同培育一批覆盖大中小学的馆所“大思政课”精品课程,开发现场教学专题,开展实践教学,形成“一校一馆一课”品牌活动。', '["市教育局", "市委宣传部", "市文化和旅游局"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (17, 'venue', '推动域内场所免费开放活动', '鼓励整合各方资源,区域内重点博物馆、科技馆、文化馆等核心文化场馆,社区图书馆、乡村文化站、非遗传承基地等基层文化场所,中小学科学、美育、体育、历史等场馆免费开放,鼓励依托泉韵乡居和美乡村片区特色自然资源、文化资源和产业资源,面向中小学生开展免费研学活动。推动学校主阵地与社会大课堂有机衔接,打造全方位科学教育新格局。', '["市教育局", "市委宣传部", "市农业农村局", "市文化和旅游局", "市科协"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (18, 'police', '建立常态化安全防护机制', '公安部门要开展好护校安园行动,定期组织校园周边治安巡查,开展校门口及校园周边交通治理;指导学校安保力量开展防暴恐演练,模拟突发暴力事件处置流程,提升师生应急避险能力,构建覆盖校园内外的立体化安全网络。', '["市教育局", "市公安局"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (19, 'police', '开展校园法治实践活动', '邀请司法行政部门人员走进校园开展“法治讲堂”,围绕预防学生欺凌、网络安全、防诈反赌禁毒、交通安全等未成年人保护主题,结合真实案例剖析法律知识,帮助学生树立法治观念,增强自我保护意识。', '["市教育局", "市公安局", "市司法局"]', '济教发〔2025〕8号');
INSERT INTO alliance_measures (code, linkage, title, body, departments, source) VALUES (20, 'police', '建立警校信息联系沟通机制', '对发生的涉校涉生的警情或校内治安事件以及失辍学学生情况,公安部门、教育部门及学校要及时相互通报、协同处置,切实维护未成年人权益,保障青少年健康成长。', '["市教育局", "市公安局"]', '济教发〔2025〕8号');
