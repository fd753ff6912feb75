// Word lists the bench's names are composed from, so that each query's selectivity follows from their sizes.

/** Chinese company names: region + brand + industry + legal form ("四川宏达糖酒有限公司"). */
export const REGIONS = [
  '四川', '上海', '北京', '广东', '浙江', '江苏', '山东', '河南', '湖北', '湖南', '福建', '安徽', '河北', '陕西', '辽宁', '重庆', '天津',
  '云南', '贵州', '广西', '江西', '山西', '吉林', '黑龙江', '内蒙古', '新疆', '甘肃', '海南', '宁夏', '青海', '深圳', '杭州', '成都', '苏州',
];
export const BRANDS = [
  '宏达', '新希望', '长虹', '华西', '金鹰', '天府', '蓝天', '恒信', '远大', '东方', '明珠', '盛世', '鼎盛', '永泰', '瑞丰', '华润', '中联',
  '万通', '同德', '国泰', '银河', '星光', '恒通', '富源', '百川', '嘉禾', '龙腾', '正大', '新世纪', '汇通', '安泰', '和平', '光明', '兴业',
  '德信', '宝丰', '佳美', '信达', '福瑞', '中环',
];
export const INDUSTRIES = [
  '糖酒', '科技', '贸易', '实业', '食品', '建设', '物流', '医药', '电子', '能源', '化工', '纺织', '农业', '传媒', '餐饮', '置业', '机械',
  '环保', '教育', '信息技术', '网络', '文化', '汽车', '服装', '家居',
];
export const FORMS = ['集团', '有限公司', '股份有限公司', '集团有限公司', '商行', '有限责任公司'];

/** Latin company names: a name + a trade + a number ("Acme Trading 1234"); the name is also contacts' e-mail domain. */
export const LATIN_NAMES = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Hooli', 'Vandelay', 'Soylent', 'Tyrell', 'Cyberdyne', 'Oscorp',
  'Aperture', 'Massive', 'Gringotts', 'Monarch', 'Nakatomi', 'Pied', 'Sterling', 'Dunder', 'Prestige', 'Virtucon', 'Zorg', 'Gekko',
  'Bluth', 'Krusty', 'Duff', 'Ollivander', 'Weyland', 'Yoyodyne', 'Rekall', 'Omni', 'Blammo', 'Spacely', 'Cogswell', 'Tessier', 'Ajax',
  'Buynlarge', 'Chotchkies', 'Ewing', 'Frobozz', 'Genco', 'Hanso', 'Jupiter', 'Kwik', 'Lacuna', 'Mooby', 'Nordyne', 'Octan',
];
export const TRADES = [
  'Trading', 'Holdings', 'Systems', 'Logistics', 'Foods', 'Labs', 'Partners', 'Industries', 'Capital', 'Retail', 'Energy', 'Media',
  'Motors', 'Health', 'Software', 'Consulting', 'Supply', 'Works', 'Group', 'Ventures',
];

/** Chinese person names: a surname and one or two given characters. */
export const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '英', '华'];

/** Latin person names. */
export const FIRST_NAMES = ['John', 'Mary', 'James', 'Linda', 'Robert', 'Susan', 'Michael', 'Karen', 'David', 'Lisa', 'Daniel', 'Nancy', 'Paul', 'Emma', 'Mark'];
export const LAST_NAMES = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Miller', 'Wilson', 'Moore', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright'];
