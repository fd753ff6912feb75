#!/usr/bin/env node
'use strict';
/**
 * Writes the demo data of the CRM example (examples/crm/seed/<entity>.json): a mid-sized company in Chengdu selling
 * cold-chain monitoring devices, warehouse software and services to Chinese and some foreign customers.
 *
 * Deterministic: every entity draws from its own seeded PRNG and every id is derived from the entity and the record's
 * index, so running it again writes identical files (and changing one entity does not reshuffle the others).
 *
 *   node examples/crm/scripts/generate-demo.js
 *   node runtime/dist/src/cli/main.js seed --app examples/crm
 *
 * Each record is a create body of the REST API plus an id, and the statuses the processes would have set (approvals,
 * case milestones and breaches, published articles, converted leads), as data brought from another system may; no
 * formula or system field (ownerId) is given. Owners are named by e-mail ("$owner") and so are users in user fields
 * ({"$user": e-mail}): the people of app.json's firstStart get their ids on the first start.
 * The sales stages come from crm-core's own seed (plugins/crm-core/seed/sales-stages.json) and are referenced by id.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const SEED_DIR = path.join(__dirname, '..', 'seed');
const STAGES_FILE = path.join(__dirname, '..', '..', '..', 'plugins', 'crm-core', 'seed', 'sales-stages.json');
const SLA_FILE = path.join(__dirname, '..', '..', '..', 'plugins', 'crm-service', 'seed', 'sla-policies.json');

/** The demo's "today": what lies before it is history (won deals, receipts, closed cases), after it plans. */
const TODAY = '2026-11-20';
/** The demo's present moment, late in the afternoon of TODAY: open cases are measured against it. */
const NOW = '2026-11-20T16:00:00+08:00';

// ---------------------------------------------------------------------------------------------------------------
// Determinism: ids and random numbers
// ---------------------------------------------------------------------------------------------------------------

/** A fixed UUID (version 5 layout) for the index-th record of an entity. */
function uuid(entity, index) {
  const h = crypto.createHash('sha1').update(`tessera-crm-demo/${entity}/${index}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A seeded PRNG (mulberry32 over an FNV-1a hash of the name) with the helpers the generator needs. */
function rng(name) {
  let a = 2166136261;
  for (const ch of name) a = Math.imul(a ^ ch.codePointAt(0), 16777619) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    /** An integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** One value of [[value, weight], ...]. */
    weighted: (pairs) => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [value, w] of pairs) if ((x -= w) < 0) return value;
      return pairs[pairs.length - 1][0];
    },
    shuffle: (list) => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    sample: (list, k) => r.shuffle(list).slice(0, k),
    digits: (n) => Array.from({ length: n }, () => Math.floor(next() * 10)).join(''),
  };
  return r;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates, money
// ---------------------------------------------------------------------------------------------------------------

const DAY = 86400000;
const toDay = (s) => Date.parse(`${s}T00:00:00Z`);
const fromDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const addDays = (s, n) => fromDay(toDay(s) + n * DAY);
const daysBetween = (a, b) => Math.round((toDay(b) - toDay(a)) / DAY);
const minDate = (a, b) => (a < b ? a : b);
const maxDate = (a, b) => (a > b ? a : b);
/** A random date in [from, to]. */
const dateIn = (r, from, to) => addDays(from, r.int(0, Math.max(0, daysBetween(from, to))));
/** A date-time in China Standard Time. */
const at = (date, h, m = 0) => `${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`;
/** A CST date-time plus some hours, on the minute. */
function plusHours(dt, hours) {
  const t = new Date(Date.parse(dt) + Math.round(hours * 60) * 60000 + 8 * 3600000).toISOString();
  return `${t.slice(0, 19)}+08:00`;
}
/** Hours from one date-time to another. */
const hoursBetween = (a, b) => (Date.parse(b) - Date.parse(a)) / 3600000;
/** A date-time some hours before another. */
const hoursBefore = (dt, hours) => plusHours(dt, -hours);
/** A working-hours date-time on a date. */
const workTime = (r, date) => at(date, r.int(9, 17), r.pick([0, 10, 15, 20, 30, 40, 45, 50]));
const round2 = (v) => Math.round(v * 100) / 100;
const roundTo = (v, step) => Math.round(v / step) * step;
const lineTotal = (l) => round2((l.quantity * l.unitPrice * (100 - (l.discount || 0))) / 100);
/** Joins text the way the plugins write it: a space between Latin letters or digits and Chinese characters. */
const cat = (...parts) => parts.filter(Boolean).reduce((out, p) => out + (/[A-Za-z0-9]$/.test(out) && /^[\u4e00-\u9fff]/.test(p) || /[\u4e00-\u9fff]$/.test(out) && /^[A-Za-z0-9]/.test(p) ? ' ' : '') + p, '');

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------------------------

/** [name, province value, administrative division code, districts, telephone area code, pinyin, region team index] */
const CITIES = [
  ['成都', 'sichuan', '510100', ['锦江区', '青羊区', '武侯区', '成华区', '高新区', '双流区', '新都区', '龙泉驿区'], '028', 'chengdu', 4, 14],
  ['宜宾', 'sichuan', '511500', ['翠屏区', '叙州区', '南溪区'], '0831', 'yibin', 4, 2],
  ['泸州', 'sichuan', '510500', ['江阳区', '龙马潭区'], '0830', 'luzhou', 4, 2],
  ['绵阳', 'sichuan', '510700', ['涪城区', '游仙区'], '0816', 'mianyang', 4, 1],
  ['重庆', 'chongqing', '500000', ['渝中区', '江北区', '沙坪坝区', '九龙坡区', '渝北区'], '023', 'chongqing', 4, 5],
  ['贵阳', 'guizhou', '520100', ['云岩区', '南明区', '观山湖区'], '0851', 'guiyang', 4, 2],
  ['昆明', 'yunnan', '530100', ['五华区', '盘龙区', '官渡区'], '0871', 'kunming', 4, 2],
  ['西安', 'shaanxi', '610100', ['雁塔区', '未央区', '高新区'], '029', 'xian', 4, 2],
  ['上海', 'shanghai', '310000', ['浦东新区', '闵行区', '嘉定区', '松江区', '徐汇区', '青浦区'], '021', 'shanghai', 2, 10],
  ['杭州', 'zhejiang', '330100', ['余杭区', '滨江区', '萧山区', '西湖区'], '0571', 'hangzhou', 2, 3],
  ['苏州', 'jiangsu', '320500', ['工业园区', '吴中区', '相城区'], '0512', 'suzhou', 2, 3],
  ['南京', 'jiangsu', '320100', ['江宁区', '栖霞区', '鼓楼区'], '025', 'nanjing', 2, 2],
  ['合肥', 'anhui', '340100', ['蜀山区', '包河区'], '0551', 'hefei', 2, 1],
  ['青岛', 'shandong', '370200', ['黄岛区', '城阳区', '市南区'], '0532', 'qingdao', 2, 2],
  ['北京', 'beijing', '110000', ['朝阳区', '海淀区', '大兴区', '顺义区'], '010', 'beijing', 2, 3],
  ['天津', 'tianjin', '120000', ['滨海新区', '西青区'], '022', 'tianjin', 2, 1],
  ['郑州', 'henan', '410100', ['金水区', '郑东新区', '管城区'], '0371', 'zhengzhou', 2, 2],
  ['武汉', 'hubei', '420100', ['江汉区', '东西湖区', '洪山区'], '027', 'wuhan', 3, 3],
  ['长沙', 'hunan', '430100', ['岳麓区', '雨花区', '长沙县'], '0731', 'changsha', 3, 2],
  ['深圳', 'guangdong', '440300', ['南山区', '福田区', '宝安区', '龙岗区', '龙华区'], '0755', 'shenzhen', 3, 10],
  ['广州', 'guangdong', '440100', ['天河区', '白云区', '番禺区', '黄埔区'], '020', 'guangzhou', 3, 4],
  ['东莞', 'guangdong', '441900', ['松山湖', '长安镇', '虎门镇'], '0769', 'dongguan', 3, 2],
  ['厦门', 'fujian', '350200', ['思明区', '湖里区', '集美区'], '0592', 'xiamen', 3, 2],
  ['南宁', 'guangxi', '450100', ['青秀区', '西乡塘区'], '0771', 'nanning', 3, 1],
  ['海口', 'hainan', '460100', ['龙华区', '美兰区'], '0898', 'haikou', 3, 1],
].map(([name, province, code, districts, area, pinyin, team, weight]) => ({ name, province, code, districts, area, pinyin, team, weight }));
const CITY = Object.fromEntries(CITIES.map((c) => [c.name, c]));
const PROVINCE_NAMES = {
  sichuan: '四川', chongqing: '重庆', guizhou: '贵州', yunnan: '云南', shaanxi: '陕西', shanghai: '上海', zhejiang: '浙江', jiangsu: '江苏',
  anhui: '安徽', shandong: '山东', beijing: '北京', tianjin: '天津', henan: '河南', hubei: '湖北', hunan: '湖南', guangdong: '广东',
  fujian: '福建', guangxi: '广西', hainan: '海南',
};

/** Brand words of company names, with their pinyin for web and mail domains. */
const BRANDS = [
  ['天府', 'tianfu'], ['蜀韵', 'shuyun'], ['恒通', 'hengtong'], ['远航', 'yuanhang'], ['康泰', 'kangtai'], ['瑞丰', 'ruifeng'],
  ['金沙', 'jinsha'], ['鼎新', 'dingxin'], ['汇通', 'huitong'], ['嘉禾', 'jiahe'], ['宏达', 'hongda'], ['安邦', 'anbang'],
  ['博瑞', 'borui'], ['众信', 'zhongxin'], ['德润', 'derun'], ['中和', 'zhonghe'], ['永盛', 'yongsheng'], ['龙腾', 'longteng'],
  ['华联', 'hualian'], ['盛世', 'shengshi'], ['宝丰', 'baofeng'], ['鑫源', 'xinyuan'], ['百川', 'baichuan'], ['久远', 'jiuyuan'],
  ['华信', 'huaxin'], ['仁和', 'renhe'], ['济民', 'jimin'], ['益康', 'yikang'], ['金桥', 'jinqiao'], ['海润', 'hairun'],
  ['长风', 'changfeng'], ['明辉', 'minghui'], ['通达', 'tongda'], ['迅捷', 'xunjie'], ['冷云', 'lengyun'], ['雪域', 'xueyu'],
  ['冰川', 'bingchuan'], ['极地', 'jidi'], ['蓝海', 'lanhai'], ['银河', 'yinhe'], ['星辰', 'xingchen'], ['云帆', 'yunfan'],
  ['智远', 'zhiyuan'], ['睿达', 'ruida'], ['凯盛', 'kaisheng'], ['君悦', 'junyue'], ['万象', 'wanxiang'], ['聚源', 'juyuan'],
  ['福满', 'fuman'], ['润泽', 'runze'], ['国泰', 'guotai'], ['东方', 'dongfang'], ['巴蜀', 'bashu'], ['川流', 'chuanliu'],
  ['峨眉', 'emei'], ['青城', 'qingcheng'], ['岷江', 'minjiang'], ['浦江', 'pujiang'], ['粤海', 'yuehai'], ['鹏程', 'pengcheng'],
  ['南粤', 'nanyue'], ['湘江', 'xiangjiang'], ['楚天', 'chutian'], ['中原', 'zhongyuan'], ['秦川', 'qinchuan'], ['齐鲁', 'qilu'],
  ['同创', 'tongchuang'], ['新锐', 'xinrui'], ['正元', 'zhengyuan'], ['华康', 'huakang'], ['优鲜', 'youxian'], ['丰泽', 'fengze'],
  ['恒岳', 'hengyue'], ['合众', 'hezhong'], ['信达', 'xinda'], ['安泰', 'antai'], ['金穗', 'jinsui'], ['绿源', 'lvyuan'],
];

/**
 * Lines of business: the word in the company name, its pinyin, the industry option, and the kinds of project the
 * company buys (keys of BUNDLES).
 */
const TRADES = {
  tangjiu: { word: '糖酒', pinyin: 'tangjiu', industry: 'retail', bundles: ['trace', 'wms', 'rfid', 'expand'], weight: 10 },
  jiuye: { word: '酒业', pinyin: 'jiuye', industry: 'manufacturing', bundles: ['trace', 'wms', 'rfid'], weight: 6 },
  shangmao: { word: '商贸', pinyin: 'shangmao', industry: 'retail', bundles: ['wms', 'trace', 'expand'], weight: 4 },
  keji: { word: '科技', pinyin: 'keji', industry: 'it', bundles: ['coldchain', 'expand', 'wms'], weight: 7 },
  zhineng: { word: '智能科技', pinyin: 'znkj', industry: 'it', bundles: ['coldchain', 'rfid', 'expand'], weight: 3 },
  yiyao: { word: '医药', pinyin: 'yiyao', industry: 'healthcare', bundles: ['gsp', 'coldchain', 'wms'], weight: 10 },
  shengwu: { word: '生物制药', pinyin: 'bio', industry: 'healthcare', bundles: ['gsp', 'coldchain', 'ultracold'], weight: 4 },
  qixie: { word: '医疗器械', pinyin: 'med', industry: 'healthcare', bundles: ['gsp', 'wms'], weight: 3 },
  wuliu: { word: '物流', pinyin: 'wuliu', industry: 'logistics', bundles: ['vehicle', 'wms', 'rfid', 'coldchain'], weight: 9 },
  lenglian: { word: '冷链物流', pinyin: 'coldchain', industry: 'logistics', bundles: ['vehicle', 'coldchain', 'wms', 'expand'], weight: 7 },
  gongyinglian: { word: '供应链管理', pinyin: 'scm', industry: 'logistics', bundles: ['wms', 'rfid', 'vehicle'], weight: 4 },
  shipin: { word: '食品', pinyin: 'food', industry: 'manufacturing', bundles: ['coldchain', 'trace', 'vehicle'], weight: 6 },
  ruye: { word: '乳业', pinyin: 'dairy', industry: 'manufacturing', bundles: ['coldchain', 'vehicle', 'trace'], weight: 3 },
  shengxian: { word: '生鲜', pinyin: 'fresh', industry: 'retail', bundles: ['coldchain', 'vehicle', 'expand'], weight: 4 },
  nongye: { word: '农业发展', pinyin: 'agri', industry: 'agriculture', bundles: ['coldchain', 'trace'], weight: 3 },
};
const TRADE_KEYS = Object.keys(TRADES);

const SURNAMES = [
  ['王', 'wang', 9], ['李', 'li', 9], ['张', 'zhang', 9], ['刘', 'liu', 5], ['陈', 'chen', 5], ['杨', 'yang', 4], ['黄', 'huang', 4],
  ['赵', 'zhao', 4], ['吴', 'wu', 3], ['周', 'zhou', 3], ['徐', 'xu', 2], ['孙', 'sun', 2], ['马', 'ma', 2], ['朱', 'zhu', 2],
  ['胡', 'hu', 2], ['郭', 'guo', 2], ['何', 'he', 2], ['高', 'gao', 2], ['林', 'lin', 2], ['罗', 'luo', 2], ['郑', 'zheng', 1],
  ['梁', 'liang', 1], ['谢', 'xie', 1], ['宋', 'song', 1], ['唐', 'tang', 1], ['许', 'xu', 1], ['韩', 'han', 1], ['冯', 'feng', 1],
  ['邓', 'deng', 1], ['曹', 'cao', 1], ['彭', 'peng', 1], ['曾', 'zeng', 1], ['肖', 'xiao', 1], ['田', 'tian', 1], ['董', 'dong', 1],
  ['袁', 'yuan', 1], ['潘', 'pan', 1], ['蒋', 'jiang', 1], ['蔡', 'cai', 1], ['余', 'yu', 1], ['杜', 'du', 1], ['叶', 'ye', 1],
  ['程', 'cheng', 1], ['苏', 'su', 1], ['魏', 'wei', 1], ['吕', 'lv', 1], ['丁', 'ding', 1], ['任', 'ren', 1], ['沈', 'shen', 1],
  ['姚', 'yao', 1], ['卢', 'lu', 1], ['钟', 'zhong', 1], ['谭', 'tan', 1], ['廖', 'liao', 1], ['范', 'fan', 1], ['陆', 'lu', 1],
  ['金', 'jin', 1], ['石', 'shi', 1], ['贾', 'jia', 1], ['夏', 'xia', 1], ['方', 'fang', 1], ['邹', 'zou', 1], ['熊', 'xiong', 1],
  ['邱', 'qiu', 1], ['雷', 'lei', 1], ['龚', 'gong', 1], ['欧阳', 'ouyang', 1], ['司马', 'sima', 0.3],
];
const GIVEN = [
  ['伟', 'wei', 'male'], ['芳', 'fang', 'female'], ['娜', 'na', 'female'], ['秀英', 'xiuying', 'female'], ['敏', 'min', 'female'],
  ['静', 'jing', 'female'], ['丽', 'li', 'female'], ['强', 'qiang', 'male'], ['磊', 'lei', 'male'], ['军', 'jun', 'male'],
  ['洋', 'yang', 'male'], ['勇', 'yong', 'male'], ['艳', 'yan', 'female'], ['杰', 'jie', 'male'], ['娟', 'juan', 'female'],
  ['涛', 'tao', 'male'], ['明', 'ming', 'male'], ['超', 'chao', 'male'], ['霞', 'xia', 'female'], ['平', 'ping', 'male'],
  ['刚', 'gang', 'male'], ['建华', 'jianhua', 'male'], ['志强', 'zhiqiang', 'male'], ['晓东', 'xiaodong', 'male'], ['海燕', 'haiyan', 'female'],
  ['雪梅', 'xuemei', 'female'], ['子涵', 'zihan', 'female'], ['浩然', 'haoran', 'male'], ['欣怡', 'xinyi', 'female'], ['俊杰', 'junjie', 'male'],
  ['思远', 'siyuan', 'male'], ['婷婷', 'tingting', 'female'], ['文博', 'wenbo', 'male'], ['嘉怡', 'jiayi', 'female'], ['宇航', 'yuhang', 'male'],
  ['雨桐', 'yutong', 'female'], ['国庆', 'guoqing', 'male'], ['建国', 'jianguo', 'male'], ['红梅', 'hongmei', 'female'], ['丹', 'dan', 'female'],
  ['鑫', 'xin', 'male'], ['斌', 'bin', 'male'], ['宁', 'ning', 'female'], ['颖', 'ying', 'female'], ['琳', 'lin', 'female'],
  ['慧', 'hui', 'female'], ['晨', 'chen', 'male'], ['凯', 'kai', 'male'], ['蕾', 'lei', 'female'], ['立新', 'lixin', 'male'],
  ['永辉', 'yonghui', 'male'], ['春燕', 'chunyan', 'female'], ['晓峰', 'xiaofeng', 'male'], ['玉兰', 'yulan', 'female'], ['德明', 'deming', 'male'],
  ['佳琪', 'jiaqi', 'female'], ['一鸣', 'yiming', 'male'], ['梓萱', 'zixuan', 'female'], ['振宇', 'zhenyu', 'male'], ['秋菊', 'qiuju', 'female'],
  ['少华', 'shaohua', 'male'], ['美玲', 'meiling', 'female'], ['光辉', 'guanghui', 'male'], ['倩', 'qian', 'female'], ['亮', 'liang', 'male'],
  ['燕', 'yan', 'female'], ['波', 'bo', 'male'], ['萍', 'ping', 'female'], ['浩', 'hao', 'male'], ['瑶', 'yao', 'female'],
  ['文杰', 'wenjie', 'male'], ['晓燕', 'xiaoyan', 'female'], ['志刚', 'zhigang', 'male'], ['丽华', 'lihua', 'female'], ['宏伟', 'hongwei', 'male'],
];

/** Jobs at customers: title, department, decision role; the first ones are the senior people. */
const JOBS = [
  ['总经理', '总经办', 'decisionMaker'], ['董事长', '总经办', 'decisionMaker'], ['副总经理', '总经办', 'decisionMaker'],
  ['运营总监', '运营中心', 'influencer'], ['物流总监', '仓储物流部', 'influencer'], ['财务经理', '财务部', 'influencer'],
  ['仓储经理', '仓储物流部', 'user'], ['冷链主管', '仓储物流部', 'user'], ['采购经理', '采购部', 'purchaser'],
  ['采购专员', '采购部', 'purchaser'], ['质量负责人', '质量管理部', 'evaluator'], ['QA 经理', '质量管理部', 'evaluator'],
  ['信息部经理', '信息技术部', 'evaluator'], ['IT 主管', '信息技术部', 'champion'], ['仓库主管', '仓储物流部', 'user'],
];
const GOV_JOBS = [['主任', '办公室', 'decisionMaker'], ['副主任', '办公室', 'decisionMaker'], ['科长', '免疫规划科', 'evaluator'], ['设备科科长', '设备科', 'user'], ['采购办主任', '采购办', 'purchaser']];
const ASSOC_JOBS = [['秘书长', '秘书处', 'decisionMaker'], ['副秘书长', '秘书处', 'influencer'], ['会员部主任', '会员部', 'user']];

const ROADS = ['人民路', '建设路', '中山路', '解放路', '工业大道', '物流大道', '科技路', '创业路', '学府路', '滨江路', '金桥路', '长江路', '黄河路',
  '港城路', '航空路', '高新大道', '迎宾大道', '锦绣路', '青年路', '兴业路'];
const BUILDINGS = ['', '', '', '物流园A区2栋', '物流园B区5栋', '产业园3号楼', '创新中心12楼', '冷链产业园1号库', '商务大厦18层', '医药产业园6栋'];

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158',
  '159', '180', '181', '182', '183', '185', '186', '187', '188', '189'];

/** Foreign and Hong Kong / Macao customers, with their people. */
const FOREIGN = [
  { name: 'Pacific Cold Chain Pte. Ltd.', short: 'Pacific Cold Chain', city: 'Singapore', province: 'overseas', domain: 'pacificcoldchain.sg', phone: '+65 6123 4501', trade: 'lenglian',
    address: '21 Pandan Loop, Singapore 128233', people: [['Daniel Tan', 'male', 'Managing Director'], ['Grace Lim', 'female', 'Procurement Manager']] },
  { name: 'Siam Fresh Distribution Co., Ltd.', short: 'Siam Fresh', city: 'Bangkok', province: 'overseas', domain: 'siamfresh.co.th', phone: '+66 2 318 4470', trade: 'shengxian',
    address: '88 Bangna-Trad Road, Bang Phli, Samut Prakan 10540', people: [['Somchai Wongsakul', 'male', 'Operations Director'], ['Siriporn Chaiyaporn', 'female', 'Purchasing Officer']] },
  { name: 'Borneo BioCare Sdn. Bhd.', short: 'Borneo BioCare', city: 'Kuala Lumpur', province: 'overseas', domain: 'borneobiocare.com.my', phone: '+60 3 7955 2180', trade: 'yiyao',
    address: 'Lot 12, Jalan Teknologi 3/5, Kota Damansara, 47810 Petaling Jaya', people: [['Ahmad Faizal', 'male', 'QA Manager'], ['Nurul Aina', 'female', 'Supply Chain Executive']] },
  { name: 'Saigon MedSupply JSC', short: 'Saigon MedSupply', city: 'Ho Chi Minh City', province: 'overseas', domain: 'saigonmedsupply.vn', phone: '+84 28 3812 6690', trade: 'yiyao',
    address: '45 Nguyen Van Linh, District 7, Ho Chi Minh City', people: [['Nguyen Van Minh', 'male', 'General Director'], ['Tran Thi Lan', 'female', 'Warehouse Manager']] },
  { name: 'PT Nusantara Cold Storage', short: 'Nusantara Cold', city: 'Jakarta', province: 'overseas', domain: 'nusantaracold.co.id', phone: '+62 21 4585 3302', trade: 'lenglian',
    address: 'Jl. Raya Cakung Cilincing Km 3, Jakarta Utara 14130', people: [['Budi Santoso', 'male', 'Operations Manager'], ['Dewi Lestari', 'female', 'Finance Manager']] },
  { name: 'Gulf Fresh Foods LLC', short: 'Gulf Fresh', city: 'Dubai', province: 'overseas', domain: 'gulffreshfoods.ae', phone: '+971 4 883 2015', trade: 'shipin',
    address: 'Plot S20312, Jebel Ali Free Zone South, Dubai', people: [['Omar Al-Mansoori', 'male', 'CEO'], ['Priya Nair', 'female', 'Logistics Manager']] },
  { name: 'Steppe Trade Logistics LLP', short: 'Steppe Trade', city: 'Almaty', province: 'overseas', domain: 'steppetrade.kz', phone: '+7 727 355 1840', trade: 'wuliu',
    address: '77 Suyunbay Avenue, Almaty 050016', people: [['Aigerim Nurlanovna', 'female', 'Commercial Director'], ['Timur Bekov', 'male', 'Fleet Manager']] },
  { name: 'Silk Road Agro Export LLC', short: 'Silk Road Agro', city: 'Tashkent', province: 'overseas', domain: 'silkroadagro.uz', phone: '+998 71 205 4418', trade: 'nongye',
    address: '15 Amir Temur Street, Tashkent 100000', people: [['Rustam Karimov', 'male', 'Director'], ['Malika Yusupova', 'female', 'Export Manager']] },
  { name: 'Southern Cross Wine Imports Pty Ltd', short: 'Southern Cross Wine', city: 'Sydney', province: 'overseas', domain: 'southerncrosswine.com.au', phone: '+61 2 9662 4103', trade: 'tangjiu',
    address: '9 Botany Road, Alexandria NSW 2015', people: [['James Mitchell', 'male', 'Managing Director'], ['Sophie Walker', 'female', 'Supply Chain Manager']] },
  { name: 'Hanse Pharma Logistik GmbH', short: 'Hanse Pharma', city: 'Hamburg', province: 'overseas', domain: 'hanse-pharma-logistik.de', phone: '+49 40 7411 2280', trade: 'yiyao',
    address: 'Billbrookdeich 210, 22113 Hamburg', people: [['Jonas Becker', 'male', 'Head of Quality'], ['Lena Hoffmann', 'female', 'Purchasing Lead']] },
  { name: 'Delta Reefer Services B.V.', short: 'Delta Reefer', city: 'Rotterdam', province: 'overseas', domain: 'deltareefer.nl', phone: '+31 10 294 8801', trade: 'lenglian',
    address: 'Waalhaven Z.z. 19, 3089 JH Rotterdam', people: [['Pieter de Vries', 'male', 'Operations Director'], ['Anouk Jansen', 'female', 'Account Manager']] },
  { name: 'Andes Blueberry Export S.A.', short: 'Andes Blueberry', city: 'Santiago', province: 'overseas', domain: 'andesblueberry.cl', phone: '+56 2 2940 5512', trade: 'nongye',
    address: 'Av. Américo Vespucio 1501, Quilicura, Santiago', people: [['Carlos Muñoz', 'male', 'Export Director'], ['Valentina Rojas', 'female', 'Logistics Coordinator']] },
  { name: 'Harbour Wine & Spirits Ltd.', short: 'Harbour Wine', city: '香港', province: 'hongKong', domain: 'harbourwine.hk', phone: '+852 2873 6610', trade: 'tangjiu',
    address: '香港九龙观塘开源道 62 号骆驼漆大厦 3 座 15 楼', people: [['Kelvin Chan', 'male', 'General Manager'], ['Michelle Wong', 'female', 'Warehouse Manager']] },
  { name: 'Kowloon Medical Supplies Co. Ltd.', short: 'Kowloon Medical', city: '香港', province: 'hongKong', domain: 'kowloonmedical.hk', phone: '+852 2345 0182', trade: 'qixie',
    address: '香港新界葵涌葵昌路 51 号九龙贸易中心 2 座 22 楼', people: [['Raymond Lee', 'male', 'Director'], ['Cindy Ho', 'female', 'QA Officer']] },
  { name: 'Lotus Gourmet Trading Ltd.', short: 'Lotus Gourmet', city: '澳门', province: 'macao', domain: 'lotusgourmet.mo', phone: '+853 2872 3305', trade: 'shangmao',
    address: '澳门宋玉生广场 258 号建兴龙广场 8 楼', people: [['António Leong', 'male', 'Owner'], ['Iris Lei', 'female', 'Operations Manager']] },
];

// ---------------------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------------------

const files = {};
/** Adds a record to an entity's seed file, owned by one of the first-start users (an e-mail) if given; answers its id. */
function add(entity, body, owner) {
  const list = (files[entity] ??= []);
  const id = uuid(entity, list.length + 1);
  const { $owner = owner, ...fields } = body;
  const record = $owner ? { id, $owner } : { id };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) record[k] = v;
  list.push(record);
  return id;
}

// ---------------------------------------------------------------------------------------------------------------
// Codes and names
// ---------------------------------------------------------------------------------------------------------------

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const usedCreditCodes = new Set();

/**
 * A unified social credit code (GB 32100-2015) with both check characters right: registration authority and kind
 * (91 a company, 12 a public institution, 51 a social organisation), the division code, the organisation code with its
 * GB 11714 check character, and the final check character.
 */
function creditCode(r, prefix, divisionCode) {
  for (;;) {
    const body = r.chance(0.6)
      ? `MA${r.pick('0123456789ABCDEFGHJKLMNPQRTUWXY'.split(''))}${r.pick('0123456789ABCDEFGHJKLMNPQRTUWXY'.split(''))}${r.digits(4)}`
      : r.digits(8);
    const orgSum = body.split('').reduce((s, ch, i) => s + (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * ORG_WEIGHTS[i], 0);
    const c9 = 11 - (orgSum % 11);
    const orgCheck = c9 === 11 ? '0' : c9 === 10 ? 'X' : String(c9);
    const first17 = `${prefix}${divisionCode}${body}${orgCheck}`;
    const sum = first17.split('').reduce((s, ch, i) => s + USCC_CHARS.indexOf(ch) * USCC_WEIGHTS[i], 0);
    const code = first17 + USCC_CHARS[(31 - (sum % 31)) % 31];
    if (!usedCreditCodes.has(code)) {
      usedCreditCodes.add(code);
      return code;
    }
  }
}

const usedMobiles = new Set();
function mobile(r) {
  for (;;) {
    const m = `${r.pick(MOBILE_PREFIXES)}${r.digits(8)}`;
    if (!usedMobiles.has(m)) return usedMobiles.add(m), m;
  }
}
const landline = (r, city) => `${city.area}-${city.area.length === 3 ? r.int(5, 8) + r.digits(7) : r.int(2, 8) + r.digits(6)}`;

const usedPeople = new Set();
/** A Chinese name not used yet by another contact or lead: {name, pinyin: [surname, given], gender}. */
function person(r) {
  for (;;) {
    const [sn, sp] = r.weighted(SURNAMES.map((s) => [s, s[2]]));
    const [gn, gp, gender] = r.pick(GIVEN);
    const name = sn + gn;
    if (!usedPeople.has(name)) {
      usedPeople.add(name);
      return { name, surname: sp, given: gp, gender };
    }
  }
}

const usedEmails = new Set();
function uniqueEmail(local, domain) {
  let candidate = `${local}@${domain}`;
  for (let n = 2; usedEmails.has(candidate); n++) candidate = `${local}${n}@${domain}`;
  usedEmails.add(candidate);
  return candidate;
}
function personalEmail(r, p) {
  return r.chance(0.5) ? uniqueEmail(r.digits(1).replace('0', '1') + r.digits(r.int(7, 9)), 'qq.com') : uniqueEmail(`${p.surname}${p.given}${r.int(70, 99)}`, r.pick(['163.com', '126.com', 'sina.com']));
}
const wechatId = (r, p) => (r.chance(0.5) ? `${p.surname}${p.given}${r.int(10, 9999)}` : `wxid_${r.digits(4)}${p.given}${r.int(10, 99)}`);
const address = (r, city) => `${r.pick(city.districts)}${r.pick(ROADS)}${r.int(1, 399)}号${r.pick(BUILDINGS)}`;

// ---------------------------------------------------------------------------------------------------------------
// Reference data: departments, competitors, products, price books, commission rules, stages
// ---------------------------------------------------------------------------------------------------------------

/**
 * The people of the demo company, created with generated passwords on the first start (app.json "firstStart"); seed
 * records name their owner by e-mail ("$owner"), so each sales rep, manager and service agent sees their own share.
 */
const APP = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'app.json'), 'utf8'));
const user = (login) => {
  const email = `${login}@tianshu.example.com`;
  if (!APP.firstStart.users.some((u) => u.email === email)) throw new Error(`app.json firstStart has no user ${email}`);
  return email;
};
const U = {
  executive: user('zhou.jianguo'), director: user('li.na'), westManager: user('wang.wei'), chenHao: user('chen.hao'), liuYang: user('liu.yang'), zhangMin: user('zhang.min'),
  huangLei: user('huang.lei'), zhaoQian: user('zhao.qian'), emily: user('emily.xu'), serviceManager: user('sun.li'), maChao: user('ma.chao'),
  guoJing: user('guo.jing'), marketer: user('lin.xiaoyan'),
};
/** A user field's value naming one of the first-start users, whose id the seed finds by e-mail. */
const userRef = (email) => (email ? { $user: email } : undefined);
/** The sales rep of a region (CITIES' team index). */
const REGION_REPS = { 2: [U.zhangMin], 3: [U.huangLei], 4: [U.chenHao, U.liuYang] };

const STAGES = Object.fromEntries(JSON.parse(fs.readFileSync(STAGES_FILE, 'utf8')).records.map((s) => [s.code, s]));
/** crm-service's service levels (its own seed): response and resolution hours by case priority. */
const SLA = Object.fromEntries(JSON.parse(fs.readFileSync(SLA_FILE, 'utf8')).records.map((p) => [p.priority, [p.responseHours, p.resolutionHours]]));
/** The service agents, who take and handle cases and go on site. */
const AGENTS = [U.maChao, U.guoJing];

const TEAMS = [
  ['总经理办公室', null], ['销售中心', 0], ['华东大区', 1], ['华南大区', 1], ['西南大区', 1], ['大客户部', 1], ['海外业务部', 1], ['客户服务中心', 0], ['市场部', 0],
];
for (const [name, parent] of TEAMS) add('team', { name, parent: parent === null ? undefined : uuid('team', parent + 1) });
const teamId = (i) => uuid('team', i + 1);

const COMPETITORS = [
  { name: '杭州冷眼科技有限公司', website: 'https://www.lengyan-tech.example.cn', threatLevel: 'high', mainProducts: '无线温湿度记录仪、冷链监控云平台', pricing: '硬件低于我方约 15%，平台按点位收年费', strengths: '价格低，渠道覆盖华东各地，交付快', weaknesses: '平台稳定性一般，无 GSP 验证服务能力', howToWin: '强调 GSP 合规与验证服务一体化，突出本地化服务响应时效' },
  { name: '深圳安链物联技术有限公司', website: 'https://www.anlian-iot.example.cn', threatLevel: 'high', mainProducts: '车载冷链监控主机、4G 温度终端', pricing: '车载终端报价约 3,200 元/台，流量卡另计', strengths: '车载产品成熟，与多家冷链车队长期合作', weaknesses: '仓储软件能力弱，缺少 WMS 产品', howToWin: '以“仓 + 运”一体化方案切入，提供统一平台' },
  { name: '上海仓易软件有限公司', website: 'https://www.cangyi-soft.example.cn', threatLevel: 'medium', mainProducts: 'WMS 仓储管理系统、TMS 运输管理系统', pricing: 'WMS 标准版 8-12 万元，实施按人天', strengths: '软件功能全面，零售快消案例多', weaknesses: '无自有硬件，冷链温控需对接第三方', howToWin: '突出软硬一体与温控数据直连，降低集成风险' },
  { name: '北京鼎盛冷链装备有限公司', website: 'https://www.dingsheng-cold.example.cn', threatLevel: 'medium', mainProducts: '冷库监控系统、超低温冰箱监控', pricing: '项目制报价，整体偏高', strengths: '医院、疾控系统关系深厚', weaknesses: '产品更新慢，云平台体验差', howToWin: '演示移动端告警与云平台，主打性价比和快速上线' },
  { name: '苏州启航智能装备有限公司', website: 'https://www.qihang-smart.example.cn', threatLevel: 'low', mainProducts: 'RFID 通道门、手持终端', pricing: 'RFID 通道门 2.2-2.6 万元', strengths: '硬件价格有优势', weaknesses: '软件需第三方，售后网点少', howToWin: '强调西南地区本地服务团队与整体方案' },
  { name: '广州正航溯源科技有限公司', website: 'https://www.zhenghang-trace.example.cn', threatLevel: 'medium', mainProducts: '一物一码防伪溯源系统', pricing: '按码量收费，每百万码约 2 万元', strengths: '酒类防伪案例多，营销插件丰富', weaknesses: '与仓储物流环节脱节，无法闭环', howToWin: '以“生产赋码—仓储扫码—渠道流向”全链路闭环取胜' },
  { name: 'ColdTrack Systems Inc.', website: 'https://www.coldtrack.example.com', threatLevel: 'medium', mainProducts: 'Cloud temperature monitoring, data loggers', pricing: 'USD 18 per sensor per month', strengths: '国际认证齐全（FDA 21 CFR Part 11），海外品牌知名度高', weaknesses: '价格高，国内无本地团队，不支持国内 GSP 报表', howToWin: '海外项目突出性价比与中文/英文双语平台，国内项目突出 GSP 本地化' },
  { name: 'LogiSense GmbH', website: 'https://www.logisense.example.de', threatLevel: 'low', mainProducts: 'Warehouse sensors, RFID middleware', pricing: '项目制，欧洲报价', strengths: '欧洲医药物流客户多', weaknesses: '交付周期长，亚洲无服务网点', howToWin: '东南亚及一带一路项目以交付速度和本地化服务取胜' },
];
const competitorIds = COMPETITORS.map((c) => add('competitor', c));

/** The catalogue: key, code, name, category, specification, unit, list price, cost, VAT rate, tracked as an installed product. */
const PRODUCTS = [
  ['t100', 'TS-T100', '无线温湿度记录仪', 'hardware', 'LoRa，-40~85℃，±0.3℃', 'unit', 680, 310, 13, true],
  ['t200', 'TS-T200', '冷链温度监测终端（4G）', 'hardware', '4G Cat.1，双探头，-40~85℃', 'unit', 1280, 620, 13, true],
  ['t300', 'TS-T300', '超低温温度监测终端', 'hardware', '-200~100℃，PT100 探头', 'unit', 1950, 980, 13, true],
  ['g10', 'TS-G10', '物联网网关', 'hardware', 'LoRa/4G/以太网，接入 200 点', 'unit', 3600, 1650, 13, true],
  ['k12', 'TS-K12', '仓库环境监测一体机', 'hardware', '温湿度、CO₂、烟感，10 寸屏', 'unit', 8800, 4300, 13, true],
  ['c50', 'TS-C50', '车载冷链监控主机', 'hardware', '4 路温度，北斗/GPS，门磁', 'unit', 3900, 1850, 13, true],
  ['p60', 'TS-P60', '工业手持终端 PDA', 'hardware', 'Android 13，一维/二维扫描，IP65', 'unit', 4800, 2900, 13, true],
  ['p80', 'TS-P80', 'RFID 手持读写器', 'hardware', 'UHF 860-960MHz，读距 8 米', 'unit', 6500, 3800, 13, true],
  ['r20', 'TS-R20', 'RFID 通道门', 'hardware', '双通道，8 天线，读取率 ≥99.5%', 'set', 28000, 15500, 13, true],
  ['l40', 'TS-L40', '工业标签打印机', 'hardware', '300dpi，热转印，宽 104mm', 'unit', 5200, 3100, 13, true],
  ['wmsStd', 'SW-WMS-S', '天枢 WMS 仓储管理系统（标准版）', 'software', '单仓，20 用户', 'license', 98000, 18000, 13, false],
  ['wmsEnt', 'SW-WMS-E', '天枢 WMS 仓储管理系统（企业版）', 'software', '多仓，不限用户', 'license', 260000, 45000, 13, false],
  ['ccOnPrem', 'SW-CCM', '冷链监控平台（本地部署版）', 'software', '含 GSP 报表、审计追踪', 'license', 150000, 25000, 13, false],
  ['gsp', 'SW-GSP', 'GSP 验证管理模块', 'software', '验证方案、报告自动生成', 'license', 45000, 8000, 13, false],
  ['trace', 'SW-TRC', '一物一码防伪溯源系统', 'software', '赋码、扫码、渠道流向', 'license', 120000, 22000, 13, false],
  ['cloudBasic', 'SUB-CC-B', '冷链云平台基础版（每 10 个监测点/年）', 'subscription', '短信告警、数据保存 3 年', 'year', 3600, 900, 6, false],
  ['cloudPro', 'SUB-CC-P', '冷链云平台专业版（每 10 个监测点/年）', 'subscription', '电话告警、GSP 报表、开放接口', 'year', 6800, 1600, 6, false],
  ['traceCloud', 'SUB-TRC', '溯源云服务年费', 'subscription', '含 500 万码/年', 'year', 28000, 6000, 6, false],
  ['alertPack', 'SUB-ALT', '短信语音告警包（1 万条）', 'subscription', '有效期 1 年', 'piece', 1500, 700, 6, false],
  ['sim', 'SUB-SIM', '4G 物联网流量卡年费', 'subscription', '每卡每年 3GB', 'year', 120, 45, 6, false],
  ['install', 'SV-INS', '现场安装调试', 'service', '含布线、校准', 'personDay', 1500, 650, 6, false],
  ['impl', 'SV-IMP', '系统实施服务', 'service', '需求调研、配置、上线支持', 'personDay', 2200, 950, 6, false],
  ['validation', 'SV-VAL', 'GSP 温度分布验证服务', 'service', '每库/每车一次，含报告', 'set', 18000, 7000, 6, false],
  ['extWarranty', 'SV-EXW', '延长保修服务（每台/年）', 'service', '硬件延保 1 年', 'year', 180, 60, 6, false],
  ['maint', 'SV-MNT', '年度维保服务', 'service', '季度巡检、7×24 热线、备件优先', 'year', 12000, 5200, 6, false],
  ['training', 'SV-TRN', '操作培训服务', 'service', '现场或线上', 'personDay', 2000, 800, 6, false],
  ['probe', 'SP-PRB', '温度探头 PT100', 'spareParts', '3 米线长', 'piece', 180, 70, 13, false],
  ['battery', 'SP-BAT', '锂电池组', 'spareParts', '3.6V 19Ah', 'piece', 260, 110, 13, false],
  ['module4g', 'SP-4G', '4G 通信模块', 'spareParts', 'Cat.1 全网通', 'piece', 420, 210, 13, false],
  ['printHead', 'SP-PHD', '打印头', 'spareParts', '适用 TS-L40', 'piece', 950, 520, 13, false],
  ['ribbon', 'SP-RBN', '碳带', 'spareParts', '110mm×300m，每箱 20 卷', 'box', 600, 330, 13, false],
];
const PRODUCT = {};
for (const [key, code, name, category, specification, unit, listPrice, cost, taxRate, tracked] of PRODUCTS) {
  const id = add('product', {
    code, name, category, specification, unit, listPrice, cost, taxRate, active: true,
    description: `${name}（${specification}）。`,
  });
  PRODUCT[key] = { key, id, code, name, category, unit, listPrice, cost, tracked };
}
// One product off sale: replaced by the 4G terminal.
add('product', { code: 'TS-T80', name: '温度记录仪（GPRS，已停产）', category: 'hardware', specification: '2G GPRS，单探头', unit: 'unit', listPrice: 560, cost: 300, taxRate: 13, active: false, description: '运营商 2G 退网，已由 TS-T200 替代，仅提供备件与维修。' });

const PRICE_BOOKS = [
  { key: 'standard', name: '标准价格表', isStandard: true, factor: 1, validFrom: '2025-01-01', description: '全部在售产品的标准售价' },
  { key: 'ka', name: '2026 年大客户价格表', isStandard: false, factor: 0.9, validFrom: '2026-01-01', validTo: '2026-12-31', description: '战略及大型企业客户适用，约为标准价 9 折' },
  { key: 'channel', name: '渠道经销商价格表', isStandard: false, factor: 0.78, validFrom: '2025-01-01', description: '签约经销商/代理商进货价' },
  { key: 'overseas', name: '海外项目价格表', isStandard: false, factor: 1.12, validFrom: '2025-07-01', description: '海外及港澳项目，含出口包装与英文资料' },
];
const PRICE = {};
for (const pb of PRICE_BOOKS) {
  const r = rng(`priceBook/${pb.key}`);
  pb.id = add('priceBook', { name: pb.name, isStandard: pb.isStandard, active: true, validFrom: pb.validFrom, validTo: pb.validTo, description: pb.description });
  PRICE[pb.key] = {};
  const keys = pb.key === 'standard' ? Object.keys(PRODUCT) : Object.keys(PRODUCT).filter((k) => pb.key === 'channel' ? PRODUCT[k].category === 'hardware' || PRODUCT[k].category === 'subscription' || PRODUCT[k].category === 'spareParts' : PRODUCT[k].category !== 'spareParts');
  for (const key of keys) {
    const p = PRODUCT[key];
    const price = pb.factor === 1 ? p.listPrice : roundTo(p.listPrice * pb.factor, p.listPrice >= 1000 ? 10 : 1);
    PRICE[pb.key][key] = price;
    add('priceBookEntry', { priceBook: pb.id, product: p.id, price, minQuantity: pb.key === 'channel' && p.category === 'hardware' ? 10 : r.chance(0.1) ? 5 : undefined, active: true });
  }
}
const priceOf = (book, key) => PRICE[book][key] ?? PRICE.standard[key];

add('commissionRule', { name: '标准回款提成', ratePercent: 3, appliesTo: 'all', basis: 'receiptAmount', validFrom: '2025-01-01', active: true, description: '按已确认回款金额的 3% 计提，次月结算' });
add('commissionRule', { name: '软件产品加计提成', ratePercent: 2, appliesTo: 'product', product: PRODUCT.wmsEnt.id, basis: 'receiptAmount', validFrom: '2025-01-01', active: true, description: 'WMS 企业版回款另加 2%' });
add('commissionRule', { name: '海外订单提成', ratePercent: 4, appliesTo: 'all', basis: 'orderAmount', validFrom: '2025-07-01', active: true, description: '海外业务部订单按订单金额 4% 计提' });
add('commissionRule', { name: '2024 年新客户激励（已停用）', ratePercent: 5, appliesTo: 'all', basis: 'receiptAmount', validFrom: '2024-01-01', validTo: '2024-12-31', active: false });

// ---------------------------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------------------------

const accounts = [];
const usedNames = new Set();
const usedDomains = new Set();
{
  const r = rng('account');
  const pickCity = () => r.weighted(CITIES.map((c) => [c, c.weight]));
  const pickTrade = () => r.weighted(TRADE_KEYS.map((k) => [k, TRADES[k].weight]));
  const brands = r.shuffle(BRANDS);
  let brandAt = 0;
  const nextBrand = () => brands[brandAt++ % brands.length];
  const domainFor = (base) => {
    let d = `${base}.com`;
    for (let n = 2; usedDomains.has(d); n++) d = `${base}${n}.com`;
    usedDomains.add(d);
    return d;
  };
  const segmentOf = (kind) => kind === 'group' ? 'strategic' : r.weighted([['strategic', 3], ['enterprise', 20], ['midMarket', 47], ['smallBusiness', 30]]);
  const TIER = { strategic: [['a', 1]], enterprise: [['a', 2], ['b', 3]], midMarket: [['b', 3], ['c', 4]], smallBusiness: [['c', 3], ['d', 2]] };
  const REVENUE = { strategic: [2e9, 2e10], enterprise: [3e8, 2e9], midMarket: [5e7, 3e8], smallBusiness: [5e6, 5e7] };
  const STAFF = { strategic: [2000, 15000], enterprise: [500, 3000], midMarket: [100, 600], smallBusiness: [15, 120] };
  const CREDIT = { a: 2000000, b: 1000000, c: 300000, d: 100000 };

  const make = ({ name, shortName, city, trade, kind, parent, segment, customerType, industry, brandPinyin, codePrefix }) => {
    usedNames.add(name);
    const seg = segment ?? segmentOf(kind);
    const tier = r.weighted(TIER[seg]);
    const domain = domainFor(`${brandPinyin}-${TRADES[trade]?.pinyin ?? 'org'}`.replace(/-org$/, ''));
    const legal = person(r);
    const districtAddress = address(r, city);
    const a = {
      index: accounts.length, name, shortName, city, trade, kind, seg, tier, domain, customerType: customerType ?? 'endCustomer',
      industry: industry ?? TRADES[trade].industry, team: city.team, foreign: false, contacts: [], won: 0, address: `${city.name}市${districtAddress}`,
    };
    const [lo, hi] = REVENUE[seg];
    const [slo, shi] = STAFF[seg];
    a.body = {
      name, shortName, customerType: a.customerType, parent,
      industry: a.industry, segment: seg, lifecycleStage: 'prospect', valueTier: tier,
      creditStatus: r.weighted([['good', 86], ['watch', 8], ['hold', 4], ['blocked', 2]]),
      creditLimit: CREDIT[tier],
      creditCode: creditCode(r, codePrefix ?? '91', city.code),
      legalRepresentative: legal.name,
      annualRevenue: roundTo(lo + r.next() * (hi - lo), 1e6),
      employeeCount: roundTo(slo + r.next() * (shi - slo), 10),
      phone: landline(r, city),
      website: `https://www.${domain}`,
      province: city.province, city: `${city.name}市`.replace('香港市', '香港'), district: districtAddress.match(/^(.+?(区|县|镇|湖))/)?.[1],
      address: a.address,
    };
    a.owner = kind === 'group' || seg === 'strategic' ? U.zhaoQian : kind === 'association' ? U.westManager : r.chance(0.05) ? U.westManager : r.pick(REGION_REPS[city.team]);
    accounts.push(a);
    return a;
  };

  // Groups with their subsidiaries.
  const GROUP_TRADES = ['wuliu', 'tangjiu', 'yiyao', 'lenglian', 'shipin', 'jiuye', 'yiyao', 'gongyinglian'];
  for (const trade of GROUP_TRADES) {
    const [brand, brandPinyin] = nextBrand();
    const home = pickCity();
    const t = TRADES[trade];
    const group = make({ name: `${PROVINCE_NAMES[home.province]}${brand}${t.word}集团有限公司`, shortName: `${brand}集团`, city: home, trade, kind: 'group', brandPinyin });
    group.body.description = `${brand}集团总部，下设多家子公司，${t.word}业务覆盖${PROVINCE_NAMES[home.province]}全省。集中采购，子公司分别签约执行。`;
    const subs = r.int(1, 3);
    const subCities = r.sample(CITIES.filter((c) => c !== home), subs);
    subCities.unshift(home);
    for (let s = 0; s < subs; s++) {
      const city = subCities[s];
      const subTrade = s === 0 ? trade : r.pick([trade, 'lenglian', 'wuliu', 'shangmao']);
      const name = `${city.name}${brand}${TRADES[subTrade].word}有限公司`;
      if (usedNames.has(name)) continue;
      make({ name, shortName: `${city.name}${brand}`, city, trade: subTrade, kind: 'subsidiary', parent: uuid('account', group.index + 1), segment: r.pick(['enterprise', 'midMarket']), brandPinyin: `${brandPinyin}-${city.pinyin}` });
    }
  }
  // Public institutions and associations.
  const PUBLIC = [
    ['成都市龙泉驿区疾病预防控制中心', '龙泉驿疾控', '成都', 'government', 'publicSector', '12', 'lqycdc'],
    ['深圳市宝安区疾病预防控制中心', '宝安疾控', '深圳', 'government', 'publicSector', '12', 'bacdc'],
    ['重庆市渝北区人民医院', '渝北区人民医院', '重庆', 'government', 'healthcare', '12', 'ybrmyy'],
    ['昆明市中心血站', '昆明血站', '昆明', 'government', 'healthcare', '12', 'kmxz'],
    ['四川省酒类流通行业协会', '川酒流通协会', '成都', 'associationMedia', 'services', '51', 'scjlxh'],
    ['上海市冷链物流行业协会', '沪冷链协会', '上海', 'associationMedia', 'logistics', '51', 'shllxh'],
    ['《冷链物流周刊》杂志社', '冷链物流周刊', '北京', 'associationMedia', 'services', '12', 'llwlzk'],
  ];
  for (const [name, shortName, cityName, customerType, industry, codePrefix, brandPinyin] of PUBLIC) {
    const a = make({ name, shortName, city: CITY[cityName], trade: null, kind: customerType === 'government' ? 'government' : 'association', segment: customerType === 'government' ? 'enterprise' : 'smallBusiness', customerType, industry, brandPinyin, codePrefix });
    a.body.website = `https://www.${a.domain.replace('.com', customerType === 'government' ? '.gov.cn' : '.org.cn')}`;
    a.domain = a.body.website.slice('https://www.'.length);
    delete a.body.annualRevenue;
    a.body.creditLimit = customerType === 'government' ? 2000000 : 0;
    a.body.valueTier = customerType === 'government' ? 'b' : 'c';
    a.tier = a.body.valueTier;
  }
  // Foreign customers.
  for (const f of FOREIGN) {
    const a = {
      index: accounts.length, name: f.name, shortName: f.short, city: { name: f.city, area: '' }, trade: f.trade, kind: 'foreign', seg: r.pick(['enterprise', 'midMarket']),
      domain: f.domain, customerType: 'endCustomer', industry: TRADES[f.trade].industry, team: 6, foreign: true, people: f.people, contacts: [], won: 0, address: f.address,
    };
    a.tier = r.pick(['b', 'c']);
    a.body = {
      name: f.name, shortName: f.short, customerType: 'endCustomer', industry: a.industry, segment: a.seg, lifecycleStage: 'prospect', valueTier: a.tier,
      creditStatus: 'good', creditLimit: a.tier === 'b' ? 500000 : 200000, annualRevenue: roundTo(5e7 + r.next() * 8e8, 1e6), employeeCount: r.int(8, 90) * 10,
      phone: f.phone, website: `https://www.${f.domain}`, province: f.province, city: f.city, address: f.address,
      description: f.province === 'overseas' ? '海外客户，英文沟通，美元报价折算人民币结算；出口需提供英文资料和 CE 证书。' : '港澳客户，繁体中文/英文资料，港币/人民币结算。',
    };
    usedNames.add(f.name);
    a.owner = U.emily;
    accounts.push(a);
  }
  // Everyone else: companies of all sizes, weighted towards Chengdu, Shanghai and Shenzhen.
  while (accounts.length < 151) {
    const city = pickCity();
    const trade = pickTrade();
    const [brand, brandPinyin] = nextBrand();
    const suffix = r.weighted([['有限公司', 62], ['股份有限公司', 14], ['有限责任公司', 12], ['实业有限公司', 6], ['集团有限公司', 3]]);
    const name = `${city.name}${brand}${TRADES[trade].word}${suffix}`;
    if (usedNames.has(name)) continue;
    const distributor = (trade === 'keji' && r.chance(0.8)) || (trade === 'zhineng' && r.chance(0.4));
    const a = make({ name, shortName: `${brand}${TRADES[trade].word.slice(0, 2)}`, city, trade, kind: 'company', brandPinyin: `${brandPinyin}-${city.pinyin}`, customerType: distributor ? 'distributor' : 'endCustomer', segment: distributor ? 'midMarket' : undefined });
    if (distributor) a.body.description = `${city.name}地区签约经销商，代理我司冷链监测硬件及云平台，负责本地安装和一线服务。`;
    else if (r.chance(0.35)) a.body.description = r.pick([
      `主营${TRADES[trade].word}，在${city.name}及周边设有 ${r.int(2, 12)} 个仓库，冷库面积约 ${r.int(2, 30) * 1000} 平方米。`,
      `年营业额约 ${Math.round(a.body.annualRevenue / 1e8)} 亿元，正在推进仓储数字化改造。`,
      `客户采购流程规范，需三家比价；决策链较长，采购与质量部门共同评估。`,
      `老板重视品牌与渠道管控，近两年窜货问题突出。`,
      `通过展会结识，对冷链温控合规有明确需求（GSP 检查整改）。`,
    ]);
  }
}
const accountId = (a) => uuid('account', a.index + 1);

// ---------------------------------------------------------------------------------------------------------------
// Contacts
// ---------------------------------------------------------------------------------------------------------------

const contacts = [];
{
  const r = rng('contact');
  for (const a of accounts) {
    const count = a.foreign ? a.people.length : a.kind === 'association' ? 1 : a.kind === 'group' ? 3 : a.seg === 'strategic' || a.seg === 'enterprise' ? r.int(2, 3) : r.int(1, 2) + (r.chance(0.25) ? 1 : 0);
    const jobs = a.kind === 'government' ? GOV_JOBS : a.kind === 'association' ? ASSOC_JOBS : JOBS;
    const usedJobs = new Set();
    for (let k = 0; k < count; k++) {
      let job = k === 0 ? jobs[r.int(0, Math.min(2, jobs.length - 1))] : r.pick(jobs.slice(1));
      for (let tries = 0; usedJobs.has(job[0]) && tries < 10; tries++) job = r.pick(jobs);
      usedJobs.add(job[0]);
      let body;
      if (a.foreign) {
        const [name, gender, title] = a.people[k];
        const [first, last] = [name.split(' ')[0], name.split(' ').slice(-1)[0]];
        body = {
          name, account: accountId(a), gender, title, decisionRole: k === 0 ? 'decisionMaker' : 'purchaser', keyContact: k === 0,
          mobile: `${a.body.phone.split(' ')[0]} ${r.int(6, 9)}${r.digits(3)} ${r.digits(4)}`, email: uniqueEmail(`${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, ''), a.domain),
          phone: a.body.phone, preferredChannel: r.pick(['email', 'email', 'mobile']),
          description: a.body.province === 'overseas' ? 'Prefers English; WhatsApp available on the mobile number.' : '可用粤语或普通话沟通。',
        };
      } else {
        const p = person(r);
        const city = a.city;
        const corporate = r.chance(0.8);
        body = {
          name: p.name, account: accountId(a), gender: p.gender, title: job[0], department: job[1], decisionRole: job[2], keyContact: k === 0 || (job[2] === 'decisionMaker' && r.chance(0.5)),
          mobile: mobile(r),
          phone: r.chance(0.6) ? `${landline(r, city)}${r.chance(0.4) ? ` 转 ${r.int(801, 899)}` : ''}` : undefined,
          email: corporate ? uniqueEmail(r.chance(0.5) ? `${p.surname}${p.given}` : `${p.given}.${p.surname}`, a.domain) : personalEmail(r, p),
          wechat: r.chance(0.75) ? wechatId(r, p) : undefined,
          birthday: r.chance(0.6) ? `${r.int(1966, 1998)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` : undefined,
          preferredChannel: r.weighted([['wechat', 5], ['mobile', 3], ['phone', 1], ['email', 1], ['visit', 1]]),
          smsOptOut: r.chance(0.05),
          emailOptOut: r.chance(0.08),
          description: r.chance(0.2) ? r.pick(['喜欢喝茶，拜访可带蒙顶甘露。', '技术出身，关注数据准确性和系统稳定性。', '只接受上午拜访，下午常在仓库现场。', '负责年度框架采购，注重付款条件。', '与我司老客户推荐人是同学。', '孩子今年高考，近期少打扰。', '决策谨慎，需提供同行业案例。']) : undefined,
        };
        if (body.emailOptOut === false) delete body.emailOptOut;
        if (body.smsOptOut === false) delete body.smsOptOut;
      }
      // Marketing consent (PIPL): most key contacts gave it at an event or on WeChat.
      if (r.chance(0.55)) Object.assign(body, { marketingConsent: true, consentDate: dateIn(r, '2025-01-05', '2026-10-31'), consentSource: r.weighted([['event', 4], ['wechat', 4], ['webForm', 2], ['paper', 1], ['phone', 1]]) });
      if (r.chance(0.02)) body.unsubscribed = true;
      const id = add('contact', body, a.owner);
      const c = { index: contacts.length, id, account: a, name: body.name, role: body.decisionRole ?? 'user', mobile: body.mobile, email: body.email, wechat: body.wechat, key: body.keyContact, title: body.title };
      contacts.push(c);
      a.contacts.push(c);
    }
  }
}
const contactOf = (r, a, prefer) => (a.contacts.find((c) => prefer && c.role === prefer) ?? r.pick(a.contacts));

// ---------------------------------------------------------------------------------------------------------------
// Campaigns (before leads and opportunities, which name them)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Campaigns that started need an approved budget when they have one: those under way or over carry their budget
 * approved (as the budget approval process leaves it) and their actual cost; of the planned ones, one awaits approval
 * and one is not submitted yet.
 */
const CAMPAIGNS = [
  { key: 'fy2026', name: '2026 年度市场推广总计划', type: 'online', status: 'inProgress', startDate: '2026-01-01', endDate: '2026-12-31', location: '全国', targetAudience: '全部目标行业客户', budget: 1200000, approvalStatus: 'approved', expectedLeads: 400, expectedRevenue: 12000000, description: '年度市场计划总览：展会 3 场、研讨会 4 场、线上直播 6 场、微信与邮件持续培育。年度预算已于年初经总经理办公会审批。' },
  { key: 'tjh2025', name: '2025 春季全国糖酒会参展', type: 'exhibition', status: 'completed', startDate: '2025-03-20', endDate: '2025-03-22', location: '成都·中国西部国际博览城', targetAudience: '酒类生产企业、经销商、商超', budget: 300000, approvalStatus: 'approved', actualCost: 286000, expectedLeads: 120, expectedRevenue: 3000000, description: '展位 3 号馆 B12（72 平方米），主推一物一码防伪溯源与酒类仓储 WMS。' },
  { key: 'gsp2025', name: '2025 医药 GSP 冷链合规研讨会（上海）', type: 'seminar', status: 'completed', startDate: '2025-06-12', endDate: '2025-06-12', location: '上海浦东嘉里大酒店', targetAudience: '医药流通企业质量负责人、仓储负责人', budget: 100000, approvalStatus: 'approved', actualCost: 96000, expectedLeads: 60, expectedRevenue: 2000000, description: '邀请药监专家解读新版 GSP 附录及冷链验证要点，现场演示冷链监控平台。' },
  { key: 'midAutumn2025', name: '2025 中秋客户关怀微信活动', type: 'wechat', status: 'completed', startDate: '2025-09-25', endDate: '2025-10-06', location: '线上（公众号、企业微信）', targetAudience: '成交客户关键联系人', budget: 20000, approvalStatus: 'approved', actualCost: 18500, expectedLeads: 10, description: '中秋祝福推送 + 老客户转介绍有礼，礼品为定制月饼礼盒。' },
  { key: 'live2025', name: '冷链云平台 3.0 新版本发布直播', type: 'online', status: 'completed', startDate: '2025-11-18', endDate: '2025-11-18', location: '视频号、B 站同步直播', targetAudience: '现有平台用户及潜在客户', budget: 15000, approvalStatus: 'approved', actualCost: 12000, expectedLeads: 80, expectedRevenue: 800000, description: '发布移动端告警、AI 温度异常预测和开放 API，观看约 3,200 人次。' },
  { key: 'thanks2025', name: '2025 年终客户答谢会', type: 'seminar', status: 'completed', startDate: '2025-12-19', endDate: '2025-12-19', location: '成都博舍酒店', targetAudience: 'A/B 类客户高层', budget: 160000, approvalStatus: 'approved', actualCost: 158000, expectedLeads: 15, expectedRevenue: 1500000, description: '年度客户答谢晚宴，发布 2026 产品路线图，颁发“优秀合作伙伴”奖。' },
  { key: 'tjh2026', name: '2026 春季全国糖酒会参展', type: 'exhibition', status: 'completed', parent: 'fy2026', startDate: '2026-03-26', endDate: '2026-03-28', location: '成都·中国西部国际博览城', targetAudience: '酒类生产企业、经销商', budget: 320000, approvalStatus: 'approved', actualCost: 312000, expectedLeads: 150, expectedRevenue: 3500000, description: '展位 5 号馆 A06（90 平方米），新增 RFID 通道门与经销商窜货管控演示区。' },
  { key: 'sea2026', name: '2026 东南亚冷链市场推介会（新加坡）', type: 'seminar', status: 'completed', parent: 'fy2026', startDate: '2026-05-14', endDate: '2026-05-15', location: 'Marina Bay Sands Expo, Singapore', targetAudience: 'Cold-chain operators and pharma distributors in ASEAN', budget: 250000, approvalStatus: 'approved', actualCost: 235000, expectedLeads: 40, expectedRevenue: 2500000, description: '与新加坡合作伙伴联合举办，中英文双语；重点推广冷链云平台海外版。' },
  { key: 'wmsMail2026', name: '2026 WMS 潜在客户邮件培育计划', type: 'email', status: 'inProgress', parent: 'fy2026', startDate: '2026-04-01', endDate: '2026-12-31', location: '邮件', targetAudience: '下载过白皮书的仓储物流负责人', budget: 60000, approvalStatus: 'approved', expectedLeads: 90, expectedRevenue: 1800000, description: '每两周一封：行业案例、选型指南、ROI 计算器、客户访谈。' },
  { key: 'tjh2027', name: '2027 春季全国糖酒会参展', type: 'exhibition', status: 'planned', startDate: '2027-03-25', endDate: '2027-03-27', location: '成都·中国西部国际博览城', targetAudience: '酒类生产企业、经销商', budget: 350000, approvalStatus: 'pending', expectedLeads: 160, expectedRevenue: 4000000, description: '计划展位 100 平方米，预算已提交审批。' },
  { key: 'gspTour2027', name: '2027 医药冷链合规巡回研讨会', type: 'seminar', status: 'planned', startDate: '2027-04-15', endDate: '2027-06-30', location: '成都、重庆、西安、昆明', targetAudience: '医药流通、疾控、医院设备科', budget: 180000, expectedLeads: 100, expectedRevenue: 3000000, description: '四城巡回，每场约 60 人，与当地医药行业协会合办；方案定稿后提交预算审批。' },
];
const CAMPAIGN = {};
for (const c of CAMPAIGNS) {
  const { key, parent, ...body } = c;
  c.id = add('campaign', { ...body, parent: parent ? CAMPAIGN[parent].id : undefined }, U.marketer);
  CAMPAIGN[key] = c;
}
/** A finished campaign whose dates come just before a date. */
const campaignBefore = (date, r) => {
  const done = CAMPAIGNS.filter((c) => c.status !== 'planned' && c.key !== 'fy2026' && c.startDate <= date && daysBetween(c.startDate, date) < 240);
  return done.length ? r.pick(done) : undefined;
};

// ---------------------------------------------------------------------------------------------------------------
// Opportunities
// ---------------------------------------------------------------------------------------------------------------

/** Project kinds: a title and the lines (product key, quantity range). */
const BUNDLES = {
  coldchain: { title: '冷链温度监控项目', lines: [['t200', 20, 200], ['g10', 1, 4], ['cloudPro', 2, 20], ['install', 3, 15]] },
  wms: { title: '仓储管理系统（WMS）项目', lines: [['wmsStd', 1, 1], ['p60', 4, 30], ['impl', 10, 40]] },
  wmsEnt: { title: 'WMS 企业版多仓项目', lines: [['wmsEnt', 1, 1], ['p60', 10, 60], ['l40', 2, 8], ['impl', 30, 80]] },
  gsp: { title: 'GSP 冷库验证及温控改造', lines: [['t100', 30, 150], ['gsp', 1, 1], ['validation', 1, 6], ['install', 3, 10]] },
  trace: { title: '一物一码防伪溯源项目', lines: [['trace', 1, 1], ['l40', 2, 10], ['ribbon', 5, 40], ['traceCloud', 1, 3]] },
  rfid: { title: 'RFID 仓库盘点项目', lines: [['r20', 1, 4], ['p80', 2, 10], ['impl', 8, 25]] },
  vehicle: { title: '冷藏车车载温控项目', lines: [['c50', 10, 120], ['sim', 10, 120], ['install', 2, 10]] },
  expand: { title: '监测点位扩容', lines: [['t100', 20, 120], ['cloudBasic', 2, 12]] },
  ultracold: { title: '超低温冰箱监控项目', lines: [['t300', 10, 60], ['g10', 1, 2], ['ccOnPrem', 1, 1]] },
  vaccine: { title: '疫苗冷链监测平台建设', lines: [['t300', 10, 40], ['t200', 40, 160], ['ccOnPrem', 1, 1], ['validation', 1, 4]] },
  renewal: { title: '年度维保续约', lines: [['maint', 1, 3], ['extWarranty', 20, 150], ['alertPack', 1, 5]] },
  training: { title: '系统操作培训及巡检服务', lines: [['training', 2, 6], ['maint', 1, 1]] },
};

const opportunities = [];
/** An opportunity's id, known before it is written (converted leads name it): opportunities are written in order. */
const opportunityId = (o) => uuid('opportunity', o.index + 1);
{
  const r = rng('opportunity');
  const STAGE_COUNTS = [['prospecting', 30], ['qualification', 35], ['proposal', 35], ['negotiation', 25], ['won', 50], ['lost', 25]];
  const stages = r.shuffle(STAGE_COUNTS.flatMap(([code, n]) => Array(n).fill(code)));
  const buyers = accounts.filter((a) => a.kind !== 'association');
  const weightOf = (a) => ({ strategic: 6, enterprise: 3, midMarket: 2, smallBusiness: 1 })[a.seg] + (a.customerType === 'distributor' ? 2 : 0);
  const namesByAccount = new Map();
  const LOST = [['price', 8], ['competitor', 8], ['noBudget', 4], ['product', 2], ['relationship', 2], ['cancelled', 2], ['other', 1]];
  const NEXT = ['安排技术交流会，演示平台', '提交方案和预算报价', '约采购经理确认比价结果', '安排客户参观成都样板客户', '等待客户内部立项审批', '准备招标文件技术应答', '确认付款条件和交付周期', '邀请客户高层参加答谢会', '补充 GSP 验证方案细节', '提供同行业成功案例'];
  // Accounts first, so that renewals, upsells and training go only to accounts that bought something else.
  const accountOf = stages.map(() => r.weighted(buyers.map((a) => [a, weightOf(a)])));
  const wonBy = new Map();
  stages.forEach((stage, i) => stage === 'won' && wonBy.set(accountOf[i], (wonBy.get(accountOf[i]) ?? 0) + 1));
  const AFTER_SALE = ['renewal', 'training', 'expand'];
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i];
    const account = accountOf[i];
    const customer = (wonBy.get(account) ?? 0) - (stage === 'won' ? 1 : 0) > 0;
    const all = account.kind === 'government' ? ['vaccine', 'ultracold', 'renewal'] : [...(TRADES[account.trade]?.bundles ?? ['coldchain']), ...(account.seg === 'strategic' || account.seg === 'enterprise' ? ['wmsEnt'] : []), 'renewal', 'training'];
    const kinds = customer ? all : all.filter((k) => !AFTER_SALE.includes(k));
    const kind = r.pick(kinds);
    const bundle = BUNDLES[kind];
    const book = account.foreign ? 'overseas' : account.customerType === 'distributor' ? 'channel' : (account.seg === 'strategic' || account.seg === 'enterprise') && r.chance(0.6) ? 'ka' : 'standard';
    const scale = { strategic: 1.6, enterprise: 1.2, midMarket: 0.8, smallBusiness: 0.5 }[account.seg];
    const lines = bundle.lines.filter((_line, k) => k < 2 || r.chance(0.75)).map(([key, lo, hi]) => ({
      product: key,
      quantity: Math.max(lo, Math.min(hi * 2, Math.round((lo + r.next() * (hi - lo)) * (lo === hi ? 1 : scale)))),
      unitPrice: priceOf(book, key),
    }));
    const discount = book === 'channel' ? 0 : r.weighted([[0, 5], [3, 2], [5, 3], [8, 2], [10, 2], [12, 1], [15, 1]]);
    for (const l of lines) l.discount = discount || undefined;
    const amount = round2(lines.reduce((s, l) => s + lineTotal(l), 0));
    const base = cat(account.shortName, bundle.title);
    const taken = namesByAccount.get(account) ?? new Set();
    let name = base;
    for (const suffix of ['（二期）', '（三期）', '（四期）', '（2027 年）', '（补充采购）']) {
      if (!taken.has(name)) break;
      name = `${base}${suffix}`;
    }
    if (taken.has(name)) name = `${base}（${i}）`;
    taken.add(name);
    namesByAccount.set(account, taken);
    const closed = stage === 'won' || stage === 'lost';
    const closeDate = closed ? dateIn(r, '2025-01-10', addDays(TODAY, -5)) : r.chance(0.1) ? dateIn(r, '2026-10-15', addDays(TODAY, -1)) : dateIn(r, addDays(TODAY, 10), '2027-04-30');
    const type = kind === 'renewal' ? 'renewal' : kind === 'expand' || kind === 'training' ? 'upsell' : 'newBusiness';
    let source = r.weighted([['referral', 4], ['exhibition', 4], ['website', 3], ['coldCall', 2], ['partner', 2], ['campaign', 3], ['socialMedia', 1], ['advertising', 1]]);
    const campaign = source === 'campaign' || source === 'exhibition' ? campaignBefore(addDays(closeDate, -30), r) : undefined;
    if (source === 'campaign' && !campaign) source = 'website';
    const contact = contactOf(r, account, r.pick(['decisionMaker', 'purchaser', 'evaluator']));
    const st = STAGES[stage];
    const o = {
      index: opportunities.length, account, contact, stage, closeDate, amount, lines, book, discount, kind, type, name,
      competitor: stage === 'lost' || r.chance(0.35) ? r.pick(competitorIds) : undefined,
    };
    o.lostReason = stage === 'lost' ? r.weighted(LOST) : undefined;
    if (o.lostReason === 'competitor' && !o.competitor) o.competitor = r.pick(competitorIds);
    o.body = {
      name, account: accountId(account), contact: contact.id, stage: st.id,
      probability: closed ? st.probability : Math.max(5, Math.min(95, st.probability + r.pick([-10, -5, 0, 0, 0, 5, 10]))),
      amount, closeDate, forecastCategory: st.forecastCategory, type, source, campaign: campaign?.id, competitor: o.competitor,
      lostReason: o.lostReason,
      nextStep: closed ? undefined : r.pick(NEXT),
      description: `${bundle.title}：${lines.map((l) => `${PRODUCT[l.product].name} × ${l.quantity}`).join('，')}${discount ? `；整单折扣 ${discount}%` : ''}。`,
    };
    opportunities.push(o);
    if (stage === 'won') account.won++;
    else if (!closed) account.open = true;
  }
}

// Lifecycle stages follow the deals.
{
  const r = rng('account/lifecycle');
  for (const a of accounts) {
    const lc = a.won >= 2 ? 'repeat' : a.won === 1 ? r.weighted([['customer', 5], ['dormant', 1]]) : a.open ? 'interested' : a.kind === 'association' ? 'prospect' : r.weighted([['prospect', 5], ['interested', 2], ['churned', 1]]);
    a.body.lifecycleStage = lc;
    a.lifecycle = lc;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Leads
// ---------------------------------------------------------------------------------------------------------------

{
  const r = rng('lead');
  const REQUIREMENTS = {
    tangjiu: ['经销商窜货严重，想做一物一码管控渠道', '新建 8,000 平方米酒类仓库，需要 WMS 和 PDA', '白酒库房需温湿度监控，防止酒体变质'],
    jiuye: ['新品上市需要防伪溯源，要求年底前上线', '成品库扫码出入库，对接 ERP（用友 U8）'],
    shangmao: ['多仓库存不准，想上 WMS', '进口红酒恒温库温湿度监控'],
    keji: ['想代理冷链监测产品，了解渠道政策', '客户项目需要温度终端，询 200 台价格'],
    zhineng: ['智慧园区项目需要环境监测设备', '做系统集成，需开放 API 对接'],
    yiyao: ['GSP 飞检发现温控问题，需要整改', '新建阴凉库和冷库，需要验证服务', '冷藏车 30 辆需要车载温控，数据要能导出'],
    shengwu: ['-80℃ 超低温冰箱 40 台需监控，断电报警', '疫苗生产车间冷库验证'],
    qixie: ['体外诊断试剂冷链运输温度记录', '医疗器械仓库需通过 GSP 认证'],
    wuliu: ['车队 80 辆冷藏车，需实时温度和定位', '第三方仓新客户要求提供 WMS 数据接口'],
    lenglian: ['冷库 12 间需要统一监控平台', '客户要求温度数据保存 5 年并可追溯'],
    gongyinglian: ['电商仓订单高峰效率低，考虑 RFID', '多货主仓储计费需要系统支持'],
    shipin: ['中央厨房冷链配送温控', '出口食品需要全程温度记录'],
    ruye: ['低温奶配送车辆温控', '牧场到工厂的冷链监控'],
    shengxian: ['30 家门店冷柜温度监控', '前置仓温控和库存管理'],
    nongye: ['果蔬预冷库温湿度监控', '农产品溯源，政府项目补贴'],
  };
  const STATUS = [...Array(35).fill('new'), ...Array(55).fill('contacting'), ...Array(70).fill('qualified'), ...Array(40).fill('unqualified')];
  const statuses = r.shuffle(STATUS);
  // 30 qualified leads were converted: their person became the opportunity's contact at its account.
  const sourced = opportunities.filter((o) => o.type === 'newBusiness' && !o.account.foreign && (o.body.source === 'website' || o.body.source === 'exhibition' || o.body.source === 'campaign')).slice(0, 30);
  for (let i = 0; i < 200; i++) {
    const linked = statuses[i] === 'qualified' ? sourced.shift() : undefined;
    const status = linked ? 'converted' : statuses[i];
    const convertedOn = linked ? minDate(maxDate(addDays(linked.closeDate, -r.int(20, 150)), '2025-01-06'), addDays(TODAY, -r.int(3, 40))) : undefined;
    let companyName; let city; let trade; let english = false;
    if (linked) {
      companyName = linked.account.name;
      city = linked.account.foreign ? null : linked.account.city;
      trade = linked.account.trade ?? 'yiyao';
    } else if (r.chance(0.08)) {
      english = true;
      companyName = r.pick(['Mekong Fresh Logistics Co., Ltd.', 'Manila Pharma Distribution Inc.', 'Colombo Spice Export (Pvt) Ltd.', 'Yangon Cold Store Co., Ltd.', 'Astana Food Trade LLP',
        'Karachi Medical Depot Pvt Ltd', 'Dhaka Agro Cold Chain Ltd.', 'Phnom Penh Beverage Co., Ltd.', 'Lagos Vaccine Logistics Ltd.', 'Nairobi Fresh Exports Ltd.', 'Riyadh Dates Trading Co.', 'Auckland Dairy Traders Ltd.', 'Vientiane Pharma Co., Ltd.', 'Ulaanbaatar Meat Export LLC', 'Istanbul Pharma Depo A.Ş.', 'Moscow Wine Import LLC']);
      trade = r.pick(['lenglian', 'yiyao', 'shipin', 'tangjiu']);
    } else {
      city = r.weighted(CITIES.map((c) => [c, c.weight]));
      trade = r.weighted(TRADE_KEYS.map((k) => [k, TRADES[k].weight]));
      for (let tries = 0; ; tries++) {
        const [brand] = r.pick(BRANDS);
        const word = r.pick(['', '', '新', '华', '盛']);
        companyName = `${city.name}${word}${brand}${TRADES[trade].word}有限公司`;
        if (!usedNames.has(companyName)) break;
      }
      usedNames.add(companyName);
    }
    const p = english || linked ? null : person(r);
    const name = linked ? linked.contact.name : english ? r.pick(['Arjun Mehta', 'Maria Santos', 'Nimal Perera', 'Aung Kyaw', 'Dana Abenova', 'Ali Raza', 'Rahim Uddin', 'Sok Dara', 'Chinedu Okafor', 'Wanjiru Kamau', 'Faisal Al-Harbi', 'Liam Thompson', 'Khamphone Sisouk', 'Bat-Erdene Dorj', 'Emre Yılmaz', 'Ivan Petrov']) : p.name;
    let source = linked ? linked.body.source : r.weighted([['website', 5], ['exhibition', 4], ['campaign', 3], ['referral', 3], ['coldCall', 2], ['socialMedia', 3], ['advertising', 1], ['partner', 1], ['other', 1]]);
    const refDate = status === 'new' ? dateIn(r, '2026-10-01', TODAY) : linked ? addDays(convertedOn, -r.int(3, 30)) : dateIn(r, '2025-02-01', TODAY);
    // A converted lead's campaign is its opportunity's.
    const campaign = linked ? CAMPAIGNS.find((c) => c.id === linked.body.campaign) : source === 'campaign' || source === 'exhibition' ? campaignBefore(refDate, r) : undefined;
    if (source === 'campaign' && !campaign) source = 'website';
    const score = status === 'unqualified' ? r.int(5, 35) : status === 'qualified' || status === 'converted' ? r.int(55, 95) : status === 'new' ? r.int(10, 60) : r.int(20, 80);
    const t = TRADES[trade];
    const job = r.pick(JOBS);
    const body = {
      name, companyName, title: linked ? linked.contact.title : english ? r.pick(['Procurement Manager', 'Operations Director', 'General Manager', 'QA Manager']) : job[0],
      mobile: linked ? linked.contact.mobile : english ? undefined : mobile(r),
      phone: !english && city && r.chance(0.3) ? landline(r, city) : english ? `+${r.int(20, 99)} ${r.digits(2)} ${r.digits(4)} ${r.digits(4)}` : undefined,
      email: linked ? linked.contact.email : english ? uniqueEmail(name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(' ', '.'), `${companyName.toLowerCase().replace(/[^a-z]/g, '').slice(0, 14)}.com`) : r.chance(0.5) ? personalEmail(r, p) : undefined,
      wechat: linked ? linked.contact.wechat : !english && r.chance(0.5) ? wechatId(r, p) : undefined,
      source, status,
      rating: status === 'unqualified' ? 'cold' : score >= 75 ? 'hot' : score >= 45 ? 'warm' : 'cold',
      score,
      industry: t.industry,
      province: english ? 'overseas' : city?.province,
      city: english ? undefined : city ? `${city.name}市`.replace('香港市', '香港') : undefined,
      address: linked ? linked.account.address : city && r.chance(0.4) ? `${city.name}市${address(r, city)}` : undefined,
      estimatedBudget: linked ? Math.max(10000, roundTo(linked.amount, 10000)) : status === 'unqualified' ? undefined : roundTo(r.int(3, 120) * 10000, 10000),
      requirement: english ? r.pick(['Needs temperature monitoring for reefer containers; asks for English platform and CE certificate.', 'Pharma warehouse must pass WHO GDP audit; asks for data loggers and validation.', 'Looking for a distributor agreement in their country.']) : `${r.pick(REQUIREMENTS[trade])}。${r.pick(['', '预计明年一季度立项。', '老板比较着急。', '已联系两家供应商比价。', '需要先看样板案例。'])}`,
      unqualifiedReason: status === 'unqualified' ? r.weighted([['noBudget', 4], ['noNeed', 3], ['unreachable', 3], ['competitor', 2], ['duplicate', 1], ['other', 1]]) : undefined,
      campaign: campaign?.id,
    };
    if (linked) {
      // What the conversion wrote; large leads went through the manager's conversion approval first.
      Object.assign(body, {
        converted: true, convertedAt: workTime(r, convertedOn), convertedAccount: accountId(linked.account), convertedContact: linked.contact.id,
        convertedOpportunity: opportunityId(linked), conversionApproval: body.estimatedBudget >= 300000 ? 'approved' : undefined,
      });
    }
    const owner = linked ? linked.account.owner : english ? U.emily : status === 'new' && r.chance(0.6) ? U.marketer : r.pick(REGION_REPS[city?.team] ?? [U.chenHao]);
    const id = add('lead', body, owner);
    if (campaign) (campaign.leads ??= []).push(id);
  }
}

for (const o of opportunities) {
  o.id = add('opportunity', o.body, o.account.owner);
  if (o.id !== opportunityId(o)) throw new Error(`opportunity ${o.index} was written out of order`);
}

// ---------------------------------------------------------------------------------------------------------------
// Quotes and quote lines
// ---------------------------------------------------------------------------------------------------------------

const PAYMENT_TEXT = ['合同签订后 7 个工作日内支付 30% 预付款，到货验收后支付 60%，剩余 10% 作为质保金一年后支付。', '款到发货。', '到货验收合格后 30 日内一次性付清。', '分三期：预付 50%，上线验收 40%，质保金 10%。', 'T/T 30% in advance, 70% before shipment.'];
const DELIVERY_TEXT = ['合同生效后 15 个工作日内发货，含运费，成都市内免费安装。', '硬件 10 个工作日内到货，软件实施周期约 6 周。', '分批交付，首批 30 日内到货。', 'FOB Shanghai, 30 days after deposit.'];
{
  const r = rng('quote');
  const pool = [
    ...r.sample(opportunities.filter((o) => o.stage === 'proposal'), 25),
    ...r.sample(opportunities.filter((o) => o.stage === 'negotiation'), 22),
    ...r.sample(opportunities.filter((o) => o.stage === 'won'), 28),
    ...r.sample(opportunities.filter((o) => o.stage === 'lost'), 5),
  ];
  for (const o of pool) {
    // A discount above 10 % goes to the customer only once the manager approved it (quote_discount_approval); a draft
    // may be waiting to be submitted, or back from a rejection.
    const needsApproval = o.discount > 10;
    const status = o.stage === 'won' ? 'accepted' : o.stage === 'lost' ? r.pick(['declined', 'expired']) : o.stage === 'negotiation' ? 'sent' : r.pick(needsApproval ? ['draft', 'approved', 'sent'] : ['draft', 'sent']);
    const discount = o.discount;
    const approvalStatus = !needsApproval ? undefined : status !== 'draft' ? 'approved' : r.chance(0.4) ? 'rejected' : undefined;
    const closeRef = o.stage === 'won' || o.stage === 'lost' ? o.closeDate : minDate(o.closeDate, TODAY);
    const quoteDate = maxDate('2025-01-02', addDays(closeRef, -r.int(7, 45)));
    const foreign = o.account.foreign && o.account.body.province === 'overseas';
    o.quote = {
      id: undefined, status, discount,
      body: {
        name: cat(o.name, '报价'), account: accountId(o.account), opportunity: o.id, contact: o.contact.id, priceBook: PRICE_BOOKS.find((b) => b.key === o.book).id,
        status, approvalStatus, quoteDate, discount,
        paymentTerms: foreign ? PAYMENT_TEXT[4] : r.pick(PAYMENT_TEXT.slice(0, 4)),
        deliveryTerms: foreign ? DELIVERY_TEXT[3] : r.pick(DELIVERY_TEXT.slice(0, 3)),
        notes: `报价有效期 30 天（至 ${addDays(quoteDate, 30)}）。${{ approved: `整单折扣 ${discount}%，已经直属上级审批通过。`, rejected: '折扣审批未通过，需调整折扣后重新提交。' }[approvalStatus] ?? (needsApproval ? '折扣超过 10%，需提交折扣审批。' : '')}`,
      },
    };
    o.quote.id = add('quote', o.quote.body, o.account.owner);
    o.lines.forEach((l, k) => add('quoteLine', {
      quote: o.quote.id, lineNumber: k + 1, product: PRODUCT[l.product].id, quantity: l.quantity, unitPrice: l.unitPrice,
      description: PRODUCT[l.product].category === 'service' ? `${l.quantity} ${PRODUCT[l.product].unit === 'personDay' ? '人天' : '次'}，按实际发生结算` : undefined,
    }));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Contracts
// ---------------------------------------------------------------------------------------------------------------

const won = opportunities.filter((o) => o.stage === 'won').sort((a, b) => (a.closeDate < b.closeDate ? -1 : 1));
/**
 * Who signs a contract for the company: the general manager signs large contracts and framework agreements (the ones
 * contract_approval sends to an executive), the south-west manager his region's, the sales director the others.
 */
const ourSigner = (owner, amount, type) => amount >= 1000000 || type === 'framework' ? U.executive : [U.westManager, U.chenHao, U.liuYang].includes(owner) ? U.westManager : U.director;
/** A contract's approval as contract_approval leaves it: every contract past its draft was approved. */
const contractApproval = (status) => (status === 'draft' ? undefined : 'approved');
{
  const r = rng('contract');
  const withContract = [...won].sort((a, b) => b.amount - a.amount).slice(0, 34);
  for (const o of withContract) {
    const signedDate = minDate(addDays(o.closeDate, r.int(0, 6)), TODAY);
    const startDate = signedDate;
    const years = o.kind === 'renewal' || o.kind === 'training' ? 1 : r.pick([1, 1, 2, 3]);
    const endDate = addDays(startDate, years * 365 - 1);
    const status = signedDate > addDays(TODAY, -10) && r.chance(0.5) ? r.pick(['draft', 'approved']) : endDate < TODAY ? 'expired' : r.chance(0.04) ? 'terminated' : 'signed';
    const amount = round2(o.lines.reduce((s, l) => s + lineTotal({ ...l, discount: o.quote?.discount ?? l.discount }), 0));
    o.contractAmount = amount;
    o.contract = add('contract', {
      name: cat(o.name, '合同'), type: o.kind === 'renewal' || o.kind === 'training' ? 'service' : 'sales', account: accountId(o.account), opportunity: o.id, quote: o.quote?.id,
      customerSigner: contactOf(r, o.account, 'decisionMaker').id, ourSigner: userRef(ourSigner(o.account.owner, amount, 'sales')), amount,
      signedDate: status === 'draft' || status === 'approved' ? undefined : signedDate, startDate, endDate, status, approvalStatus: contractApproval(status),
      renewalReminderDays: o.kind === 'renewal' ? 60 : 30,
      paymentTerms: o.quote?.body.paymentTerms ?? PAYMENT_TEXT[0],
      terms: `1. 供货范围：${o.lines.map((l) => PRODUCT[l.product].name).join('、')}。\n2. 质保：硬件自验收之日起质保 12 个月，软件提供 1 年免费升级。\n3. 服务：7×24 小时热线，成都、重庆 4 小时到场，其他地区 48 小时到场。\n4. 违约责任：逾期交货每日按未交货部分 0.5‰ 支付违约金。`,
    }, o.account.owner);
  }
  // Framework agreements with distributors and large accounts.
  const framework = r.sample(accounts.filter((a) => a.customerType === 'distributor' || a.kind === 'group'), 6);
  for (const a of framework) {
    const signedDate = dateIn(r, '2025-01-05', '2026-06-30');
    const endDate = addDays(signedDate, 2 * 365 - 1);
    const status = endDate < TODAY ? 'expired' : 'signed';
    add('contract', {
      name: `${a.shortName} ${signedDate.slice(0, 4)}-${Number(signedDate.slice(0, 4)) + 2} 年度${a.customerType === 'distributor' ? '经销' : '采购'}框架协议`, type: 'framework', account: accountId(a),
      customerSigner: contactOf(r, a, 'decisionMaker').id, ourSigner: userRef(ourSigner(a.owner, 0, 'framework')), amount: roundTo(r.int(50, 300) * 10000, 10000),
      signedDate, startDate: signedDate, endDate, status, approvalStatus: contractApproval(status), renewalReminderDays: 90,
      paymentTerms: a.customerType === 'distributor' ? '按单结算，月结 30 天；年度累计达到协议金额返点 3%。' : '按单结算，月结 60 天。',
      terms: a.customerType === 'distributor' ? '授权区域独家经销；最低年度提货额见金额；不得跨区域销售；我方提供技术培训与样机支持。' : '协议期内按大客户价格表执行，具体以每次订单为准。',
    }, a.owner);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Orders, order lines, payment plans, receipts
// ---------------------------------------------------------------------------------------------------------------

const orders = [];
{
  const r = rng('order');
  // The orders of the two newest deals are still going through order_approval: one approved, one to be submitted.
  const inApproval = new Map([[won[won.length - 2], 'approved'], [won[won.length - 1], 'draft']]);
  for (const o of won) {
    const orderDate = minDate(addDays(o.closeDate, r.int(0, 10)), TODAY);
    const age = daysBetween(orderDate, TODAY);
    let status = age > 120 ? 'completed' : age > 45 ? r.pick(['completed', 'delivered']) : age > 12 ? r.pick(['delivered', 'inDelivery']) : r.pick(['draft', 'inDelivery', 'inDelivery']);
    if (r.chance(0.04) && status !== 'draft') status = 'cancelled';
    status = inApproval.get(o) ?? status;
    // Every order past its draft went through order_approval (a cancelled one was cancelled after it).
    const approvalStatus = status === 'draft' ? undefined : 'approved';
    const discount = o.quote?.discount ?? o.discount;
    const lines = o.lines.map((l) => ({ ...l, discount: discount || undefined }));
    const total = round2(lines.reduce((s, l) => s + lineTotal(l), 0));
    const a = o.account;
    const receiver = contactOf(r, a, 'user');
    const terms = a.foreign ? 'prepaid' : total > 100000 ? 'installments' : r.weighted([['prepaid', 3], ['net30', 4], ['net60', 2], ['cod', 1], ['installments', 1]]);
    const order = { o, orderDate, status, lines, total, terms, account: a, deliveryDate: ['completed', 'delivered', 'inDelivery'].includes(status) ? addDays(orderDate, r.int(5, 25)) : undefined };
    if (order.deliveryDate && order.deliveryDate > TODAY) order.deliveryDate = status === 'inDelivery' ? order.deliveryDate : TODAY;
    order.id = add('order', {
      account: accountId(a), contact: o.contact.id, quote: o.quote?.id, opportunity: o.id, contract: o.contract,
      status, approvalStatus, orderDate, deliveryDate: order.deliveryDate, paymentTerms: terms,
      receiver: receiver.name, receiverPhone: receiver.mobile, shippingAddress: a.address,
      notes: status === 'cancelled' ? '客户预算调整，双方协商取消订单。' : r.chance(0.2) ? r.pick(['发货前电话通知收货人。', '需随货提供校准证书。', '分两批发货。', '发票随货寄出。', '需开具增值税专用发票。']) : undefined,
    }, a.owner);
    lines.forEach((l, k) => add('orderLine', {
      order: order.id, lineNumber: k + 1, product: PRODUCT[l.product].id, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount,
      deliveredQuantity: status === 'completed' || status === 'delivered' ? l.quantity : status === 'inDelivery' ? Math.floor(l.quantity / 2) : 0,
    }));
    orders.push(order);
  }
}
{
  const r = rng('paymentPlan');
  const rc = rng('receipt');
  const SPLITS = { prepaid: [[1, 0]], cod: [[1, 10]], net30: [[0.9, 30], [0.1, 365]], net60: [[1, 60]], installments: [[0.3, 0], [0.6, 45], [0.1, 365]] };
  for (const order of orders) {
    if (order.status === 'cancelled' || order.status === 'draft') continue;
    const split = order.terms === 'net30' && order.total < 30000 ? [[1, 30]] : SPLITS[order.terms];
    let remaining = order.total;
    split.forEach(([share, days], k) => {
      const amount = k === split.length - 1 ? round2(remaining) : round2(order.total * share);
      remaining = round2(remaining - amount);
      const dueDate = addDays(k === 0 && (order.terms === 'prepaid' || order.terms === 'installments') ? order.orderDate : order.deliveryDate ?? order.orderDate, days);
      const due = dueDate <= TODAY;
      const outcome = !due ? (r.chance(0.1) ? 'early' : 'none') : r.weighted([['paid', 78], ['partial', 8], ['overdue', 14]]);
      const status = outcome === 'paid' || outcome === 'early' ? 'paid' : outcome === 'partial' ? 'partiallyPaid' : due ? 'overdue' : 'planned';
      const plan = add('paymentPlan', { $owner: order.account.owner,
        order: order.id, installment: k + 1, dueDate, amount, status,
        notes: split.length === 2 ? ['月结 30 天', '质保金'][k] : split.length > 1 ? ['预付款', '验收款', '质保金'][k] : { prepaid: '款到发货', cod: '货到付款', net30: '月结 30 天', net60: '月结 60 天' }[order.terms],
      });
      if (outcome === 'none' || outcome === 'overdue') return;
      const paidOn = minDate(outcome === 'early' ? addDays(TODAY, -rc.int(1, 20)) : addDays(dueDate, rc.int(-3, 20)), TODAY);
      const paid = outcome === 'partial' ? round2(amount * rc.pick([0.3, 0.5, 0.6])) : amount;
      const foreign = order.account.foreign;
      const method = foreign ? 'bankTransfer' : rc.weighted([['bankTransfer', 12], ['acceptanceBill', 3], ['wechatPay', amount < 20000 ? 1 : 0], ['alipay', amount < 20000 ? 1 : 0], ['cheque', 0.5]]);
      const pending = paidOn > addDays(TODAY, -5);
      const common = { $owner: order.account.owner,
        order: order.id, paymentPlan: plan, account: accountId(order.account), paidOn, method, payer: order.account.name,
        reference: method === 'bankTransfer' ? `${rc.pick(['CMB', 'ICBC', 'CCB', 'BOC', 'ABC'])}${paidOn.replace(/-/g, '')}${rc.digits(8)}` : method === 'acceptanceBill' ? `承兑汇票 ${rc.digits(12)}` : undefined,
        invoiceNumber: foreign ? `INV-${paidOn.slice(0, 4)}-${rc.digits(5)}` : `${paidOn.slice(2, 4)}51${rc.digits(16)}`,
      };
      // Now and then a bill bounces: the receipt is reversed and paid again by transfer.
      if (method === 'acceptanceBill' && rc.chance(0.15)) {
        add('receipt', { ...common, amount: paid, status: 'reversed', notes: '承兑汇票背书不连续，已退回并冲销。' });
        add('receipt', { ...common, method: 'bankTransfer', reference: `ICBC${paidOn.replace(/-/g, '')}${rc.digits(8)}`, paidOn: minDate(addDays(paidOn, 7), TODAY), amount: paid, status: 'confirmed', notes: '汇票退回后改为电汇。' });
        return;
      }
      add('receipt', { ...common, amount: paid, status: pending ? 'pending' : 'confirmed', notes: outcome === 'partial' ? '客户资金紧张，本期先付部分款项。' : undefined });
    });
  }
}

// Sales targets per region and quarter, the company's yearly targets, and each rep's own 2026 target.
{
  const r = rng('salesTarget');
  for (const year of [2025, 2026]) {
    add('salesTarget', { $owner: U.director, name: `${year} 年度销售中心回款目标`, year, periodType: 'year', department: teamId(1), metric: 'receiptAmount', targetAmount: year === 2025 ? 6000000 : 8000000 });
    for (const team of [2, 3, 4, 5, 6]) {
      for (let q = 1; q <= 4; q++) {
        const base = { 2: 300000, 3: 350000, 4: 450000, 5: 500000, 6: 150000 }[team] * (year === 2026 ? 1.25 : 1);
        add('salesTarget', { $owner: U.director, name: `${year} 年 Q${q} ${TEAMS[team][0]}订单目标`, year, periodType: 'quarter', quarter: q, department: teamId(team), metric: 'orderAmount', targetAmount: roundTo(base * (q === 4 ? 1.3 : q === 1 ? 0.7 : 1) * (0.95 + r.next() * 0.1), 10000) });
      }
    }
  }
  const REP_TARGETS = [[U.chenHao, U.westManager, 1000000], [U.liuYang, U.westManager, 900000], [U.zhangMin, U.director, 1500000], [U.huangLei, U.director, 1750000], [U.zhaoQian, U.director, 2500000], [U.emily, U.director, 750000]];
  for (const [rep, manager, targetAmount] of REP_TARGETS) {
    const name = APP.firstStart.users.find((u) => u.email === rep).name;
    add('salesTarget', { $owner: manager, name: `2026 年度个人订单目标（${name}）`, year: 2026, periodType: 'year', rep: userRef(rep), metric: 'orderAmount', targetAmount });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Installed products, cases, work orders, surveys
// ---------------------------------------------------------------------------------------------------------------

const installed = [];
{
  const r = rng('installedProduct');
  const usedSerials = new Set();
  const serial = (code, date) => {
    for (;;) {
      const s = `${code}-${date.slice(2, 4)}${date.slice(5, 7)}-${r.digits(5)}`;
      if (!usedSerials.has(s)) return usedSerials.add(s), s;
    }
  };
  for (const order of orders) {
    if (!['completed', 'delivered'].includes(order.status)) continue;
    const a = order.account;
    const site = contactOf(r, a, 'user');
    const installDate = minDate(addDays(order.deliveryDate, r.int(1, 7)), TODAY);
    for (const l of order.lines) {
      const p = PRODUCT[l.product];
      if (!p.tracked) continue;
      // Devices are registered one by one (up to three here); sensors as one monitoring system per line.
      const sensor = ['t100', 't200', 't300', 'c50'].includes(l.product);
      const units = sensor ? 1 : Math.min(3, l.quantity);
      for (let u = 0; u < units; u++) {
        const warrantyType = order.lines.some((x) => x.product === 'extWarranty' || x.product === 'maint') ? 'extended' : r.chance(0.05) ? 'none' : 'standard';
        const warrantyEndDate = warrantyType === 'none' ? undefined : addDays(installDate, (warrantyType === 'extended' ? 3 : 1) * 365);
        const retired = r.chance(0.03);
        const item = {
          account: a, product: l.product, warrantyEndDate, installDate, contact: site,
          name: sensor ? `${cat(a.shortName, p.name)}（${l.quantity} ${l.product === 'c50' ? '辆车' : '个点位'}）` : `${p.name} #${u + 1}（${a.shortName}）`,
        };
        item.id = add('installedProduct', { $owner: U.guoJing,
          name: item.name, serialNumber: serial(p.code, installDate), account: accountId(a), contact: site.id, product: p.id, order: order.id,
          status: retired ? 'retired' : 'active', installDate, installAddress: a.address, warrantyType, warrantyEndDate,
          description: sensor ? `共 ${l.quantity} 台，序列号为系统编号，单台序列号见交付清单。` : retired ? '设备进水损坏，客户已更换新机。' : undefined,
        });
        if (!retired) installed.push(item);
      }
    }
  }
}

const cases = [];
{
  const r = rng('case');
  const ISSUES = {
    t200: [['温度数据不上传', '平台上 {n} 个点位从昨晚开始无数据，现场设备指示灯正常。', '远程排查为 4G 卡欠费停机，协助客户续费后数据恢复并补传。'], ['探头读数偏高约 2℃', '冷库 3 号探头比校准温度计偏高约 2℃，担心 GSP 检查不合格。', '探头线缆破损受潮，更换 PT100 探头并重新校准。']],
    t100: [['记录仪电量低告警频繁', '多台记录仪一周内反复报电量低。', '冷库低温导致电池衰减，更换低温锂电池组并调整上报频率。'], ['部分记录仪离线', '新扩建的冷库区域记录仪离线。', '新区域超出网关覆盖范围，增加一台网关后恢复。']],
    t300: [['超低温冰箱告警短信收不到', '-80℃ 冰箱温度异常时值班人员未收到短信。', '告警包余量用尽，已续购并增加语音电话告警。']],
    c50: [['车辆定位漂移', '冷藏车轨迹在地库附近大幅漂移。', '地库无卫星信号属正常现象，已开启基站辅助定位。'], ['车载主机无法开机', '车辆熄火后主机不再启动。', '车辆电源线接线松动，重新接线固定。']],
    g10: [['网关离线', '网关每天凌晨掉线约 30 分钟。', '客户机房夜间断电维护，建议接入 UPS；已配置断线缓存。']],
    k12: [['一体机屏幕黑屏', '仓库环境监测一体机屏幕不亮，但数据正常上传。', '屏幕背光板故障，保内更换。']],
    p60: [['PDA 扫码无法识别条码', '新批次外箱条码扫不出。', '供应商条码为 GS1-128 带 FNC1，已在 PDA 扫码设置中开启。'], ['PDA 电池不耐用', '一块电池不到 4 小时就没电。', '电池老化，更换电池。']],
    p80: [['RFID 手持读距变短', '读距从 8 米下降到 2 米。', '功率被误调低，恢复默认参数。']],
    r20: [['RFID 通道门漏读', '整托出库时约 3% 标签漏读。', '调整天线角度并更换金属货架附近标签类型，漏读率降至 0.3%。']],
    l40: [['标签打印模糊', '打印的条码边缘模糊，扫描困难。', '打印头积碳，清洁后恢复；建议每周清洁。'], ['打印机卡纸', '连续打印时频繁卡纸。', '标签纸规格与设置不符，已重新校准纸张。']],
  };
  const GENERAL = [
    ['inquiry', '咨询延长保修价格', '客户询问设备保修到期后的延保方案和价格。', '已发送延保报价，按每台每年 180 元。'],
    ['inquiry', '要求提供温度验证报告模板', '客户准备药监检查，需要验证报告模板。', '已通过邮件发送 GSP 验证报告模板及填写说明。'],
    ['inquiry', '平台账号开通', '新入职仓管需要开通平台账号。', '已协助管理员在平台新增账号并分配权限。'],
    ['inquiry', '如何导出历史温度数据', '需要导出去年全年的温度数据。', '指导客户在“报表—历史数据”中按月导出 Excel。'],
    ['request', 'WMS 出库单无法审核', '出库单审核时提示“库存不足”，但实际有库存。', '库存被其他锁定单占用，释放过期锁定后恢复。'],
    ['request', '平台登录提示账号已锁定', '多名用户密码输错后账号被锁定。', '解锁账号并指导开启短信验证码登录。'],
    ['complaint', '投诉：工程师未按约定时间上门', '约定上午 10 点上门，工程师下午 3 点才到，影响盘点。', '向客户致歉，调整派工排班规则并赠送一次免费巡检。'],
    ['complaint', '投诉：发票开具延误', '回款已到一个月仍未收到发票。', '财务已补开增值税专用发票并快递寄出，安排专人跟进。'],
    ['complaint', '投诉：告警过多影响夜班', '开门作业时告警太频繁，值班人员不堪其扰。', '协助设置开门作业延时告警和分级告警，误报大幅减少。'],
  ];
  // How the cases stand at NOW: open ones are young, with their deadlines near or just passed.
  const STATUS = r.shuffle([...Array(10).fill('new'), ...Array(8).fill('assigned'), ...Array(14).fill('inProgress'), ...Array(5).fill('suspended'), ...Array(6).fill('escalated'), ...Array(13).fill('resolved'), ...Array(44).fill('closed')]);
  const SUSPENDED = ['（等待客户安排停机窗口。）', '（等待备件到货。）', '（客户年底盘点封库，盘点结束后上门处理。）'];
  const settled = installed.filter((x) => x.installDate <= addDays(TODAY, -14));
  let escalations = 0;
  for (let i = 0; i < STATUS.length; i++) {
    const status = STATUS[i];
    const done = status === 'resolved' || status === 'closed';
    const useAsset = r.chance(0.72) && installed.length;
    const asset = useAsset ? r.pick(done ? installed : settled) : undefined;
    const a = asset ? asset.account : r.pick(accounts.filter((x) => x.lifecycle === 'customer' || x.lifecycle === 'repeat' || x.lifecycle === 'dormant'));
    let type; let subject; let description; let resolution;
    if (asset && ISSUES[asset.product]) {
      const [s, d, res] = r.pick(ISSUES[asset.product]);
      type = 'request'; subject = s; description = d.replace('{n}', String(r.int(2, 12))); resolution = res;
    } else {
      [type, subject, description, resolution] = r.pick(GENERAL);
    }
    const priority = type === 'complaint' ? r.pick(['high', 'urgent']) : r.weighted([['urgent', 1], ['high', 3], ['medium', 6], ['low', 2]]);
    const [respH, resolveH] = SLA[priority];
    // Hours from the opening to the first answer and to the resolution, and the case's age at NOW (open cases).
    const unanswered = status === 'escalated' && escalations++ % 2 === 0;
    const late = (p) => done && r.chance(p);
    const respondIn = status === 'new' ? undefined : unanswered || late(0.08) ? respH * (1.1 + r.next()) : respH * (0.1 + 0.85 * r.next());
    const resolveIn = done ? Math.max(respondIn + 0.5, late(0.1) ? resolveH * (1.05 + 0.5 * r.next()) : resolveH * (0.2 + 0.8 * r.next())) : undefined;
    const closeAfter = status === 'closed' ? r.int(24, 120) : 0;
    const age = {
      new: () => respH * (0.05 + 0.8 * r.next()),
      assigned: () => respondIn + 0.1 + r.next() * Math.max(0, resolveH * 0.4 - respondIn),
      inProgress: () => respondIn + 0.1 + r.next() * (resolveH * 1.15 - respondIn),
      suspended: () => Math.max(respondIn + 1, resolveH * (0.4 + 0.8 * r.next())),
      escalated: () => Math.max(respH * 1.2, resolveH * (0.3 + 0.9 * r.next())),
      resolved: () => resolveIn + r.int(2, 60),
    }[status];
    let opened;
    if (age) opened = hoursBefore(NOW, age());
    else {
      // Closed cases spread over the demo's history, each closed before NOW.
      const lastDay = addDays(hoursBefore(NOW, resolveIn + closeAfter).slice(0, 10), -1);
      opened = workTime(r, dateIn(r, minDate(maxDate('2025-02-01', asset ? asset.installDate : '2025-02-01'), lastDay), lastDay));
    }
    const since = hoursBetween(opened, NOW);
    const responded = respondIn !== undefined && respondIn <= since ? plusHours(opened, respondIn) : undefined;
    const resolvedAt = done ? plusHours(opened, resolveIn) : undefined;
    const contact = contactOf(r, a, type === 'complaint' ? 'decisionMaker' : 'user');
    const satisfaction = status === 'closed' && r.chance(0.8) ? r.weighted([['5', 10], ['4', 8], ['3', 3], ['2', 1], ['1', 0.5]]) : undefined;
    // The agent who took the case owns it; it is handled by them or their colleague, the escalated ones by the manager.
    const owner = i % 3 === 0 ? U.guoJing : U.maChao;
    const assignee = status === 'new' ? undefined : status === 'escalated' ? U.serviceManager : r.chance(0.25) ? AGENTS.find((x) => x !== owner) : owner;
    const c = {
      index: i, status, asset, account: a, contact, opened, resolvedAt, type, satisfaction, owner, assignee, respondIn, resolveIn, resolution,
      suspended: status === 'suspended' ? r.int(0, SUSPENDED.length - 1) : undefined,
      body: {
        subject: asset ? `${subject}（${a.shortName}）` : subject, type, channel: r.weighted([['phone', 5], ['wechat', 4], ['email', 2], ['web', 1], ['onSite', 0.5]]), priority, status,
        account: accountId(a), contact: contact.id, installedProduct: asset?.id, description, assignee: userRef(assignee),
        slaResponseDue: plusHours(opened, respH), slaResolutionDue: plusHours(opened, resolveH), firstRespondedAt: responded,
        resolvedAt, closedAt: status === 'closed' ? plusHours(resolvedAt, closeAfter) : undefined, resolution: done ? resolution : undefined,
        // As case_escalation flags them: answered after the response deadline, or not resolved by the resolution deadline.
        responseBreached: (respondIn ?? since) > respH || undefined,
        resolutionBreached: (resolveIn ?? since) > resolveH || undefined,
        satisfaction,
      },
    };
    if (status === 'suspended') c.body.description += SUSPENDED[c.suspended];
    if (status === 'escalated') c.body.description += unanswered ? '（超过响应时限无人响应，已自动升级至客服经理。）' : '（多次处理未解决，已升级至客服经理。）';
    c.id = add('case', c.body, owner);
    cases.push(c);
  }
}
{
  const r = rng('workOrder');
  // On-site work for open cases about a device (none yet for new ones), and visits for solved ones: done, or cancelled
  // because a remote fix worked. Each goes to a service agent, the case's own unless a manager handles the case.
  const open = cases.filter((c) => c.asset && ['assigned', 'inProgress', 'suspended', 'escalated'].includes(c.status));
  const done = cases.filter((c) => c.asset && ['resolved', 'closed'].includes(c.status));
  const chosen = [...open.slice(0, 22), ...r.sample(done, 40 - Math.min(22, open.length))];
  const WAITING = ['客户停机窗口确定后预约上门。', '备件到货后预约上门更换。', '客户盘点结束后预约上门。'];
  for (const c of chosen) {
    const caseDay = c.opened.slice(0, 10);
    const inWarranty = c.asset.warrantyEndDate !== undefined && c.asset.warrantyEndDate >= caseDay;
    const type = r.weighted([['repair', 6], ['maintenance', 2], ['inspection', 1]]);
    const engineer = AGENTS.includes(c.assignee) ? c.assignee : r.pick(AGENTS);
    const first = `初步判断：${c.body.description.slice(0, 60)}`;
    let wo;
    if (c.resolvedAt) {
      // The visit comes after the first answer, and the work before the resolution.
      const onSite = c.resolveIn - c.respondIn;
      const laborHours = Math.max(0.5, Math.min(4, Math.round(onSite * 0.6 * 2) / 2));
      wo = r.chance(0.3)
        ? { status: 'cancelled', diagnosis: '远程指导客户处理后问题解决，无需上门，工单取消。' }
        : { status: 'completed', scheduledAt: plusHours(c.opened, c.respondIn + onSite * 0.3), completedAt: c.resolvedAt, laborHours, diagnosis: first, serviceReport: `${c.resolution}客户现场签字确认。` };
    } else if (c.status === 'suspended') {
      wo = { status: 'pending', diagnosis: `${first}。${WAITING[c.suspended]}` };
    } else if (c.status === 'inProgress' && r.chance(0.5)) {
      wo = { status: 'inProgress', scheduledAt: hoursBefore(NOW, r.int(1, 5)), diagnosis: first };
    } else {
      wo = { status: 'dispatched', scheduledAt: workTime(r, addDays(TODAY, c.status === 'escalated' ? 1 : r.int(1, 3))), diagnosis: first };
    }
    add('workOrder', { $owner: c.owner,
      subject: `${{ repair: '上门维修', maintenance: '上门保养', inspection: '现场巡检' }[type]}：${c.body.subject}`, case: c.id, installedProduct: c.asset.id,
      type, ...wo, dispatchTo: userRef(engineer), serviceAddress: c.account.address,
      inWarranty, chargeAmount: inWarranty || wo.status === 'cancelled' ? 0 : r.pick([600, 800, 1200, 1500]),
    });
  }
}
{
  const r = rng('survey');
  for (const c of cases.filter((x) => x.status === 'closed')) {
    if (!r.chance(0.7)) continue;
    const sentAt = plusHours(c.body.closedAt, r.int(2, 48));
    const answered = c.satisfaction !== undefined;
    const score = answered ? Number(c.satisfaction) : undefined;
    add('survey', { $owner: c.assignee,
      case: c.id, contact: c.contact.id, channel: r.weighted([['phone', 5], ['wechat', 3], ['sms', 2]]), status: answered ? 'answered' : 'expired',
      score, sentAt, answeredAt: answered ? plusHours(sentAt, r.int(1, 30)) : undefined,
      comments: score === undefined ? undefined : score <= 2 ? r.pick(['问题拖了三天才解决，影响我们出库。', '工程师对设备不熟悉，来了两次。', '希望响应再快一些，电话经常占线。']) : score === 3 ? r.pick(['解决了，但过程有点慢。', '一般，希望提前告知上门时间。']) : r.chance(0.5) ? r.pick(['处理及时，工程师很专业。', '很满意，远程就解决了。', '服务态度好，点赞。', '响应快，解释清楚。']) : undefined,
    });
  }
}

// Knowledge base.
{
  const ARTICLES = [
    ['TS-T200 首次配网与绑定平台', 'installation', 't200', '开箱、插卡、扫码绑定到冷链云平台的完整步骤。', '配网,绑定,二维码,4G', '<h2>准备</h2><p>确认 4G 物联网卡已激活，设备电量不低于 50%。</p><h2>步骤</h2><ol><li>长按电源键 3 秒开机，指示灯蓝色闪烁。</li><li>在冷链云平台 App 中点击“添加设备”，扫描机身二维码。</li><li>选择所属库房和点位名称，保存。</li><li>等待 2 分钟，平台显示首条温度数据即绑定成功。</li></ol>'],
    ['温度数据不上传的排查步骤', 'troubleshooting', 't200', '按信号、流量卡、电源、平台四步排查数据中断。', '离线,无数据,流量卡,信号', '<p>1. 查看设备信号格数；2. 在运营商平台确认流量卡未停机；3. 检查电源与电量；4. 在平台确认设备未被停用。</p><p>离线期间数据会缓存在设备中，恢复后自动补传（最多 3 万条）。</p>'],
    ['探头校准与更换指南', 'troubleshooting', 'probe', 'PT100 探头偏差超过 0.5℃ 时的校准和更换方法。', '校准,探头,偏差,PT100', '<p>使用经计量的标准温度计在同一位置比对 30 分钟，偏差超过 ±0.5℃ 时在平台“设备—校准”中录入修正值；超过 ±1℃ 建议更换探头。</p>'],
    ['GSP 对冷链温度监测的要求（2025 版）', 'policy', 'gsp', '药品经营质量管理规范附录对温湿度自动监测的关键条款解读。', 'GSP,附录,验证,药监', '<p>监测数据采集间隔不超过 5 分钟，超标报警需短信通知至少 3 名人员；数据保存不少于 5 年，不得修改删除。</p><p>冷库、冷藏车、保温箱使用前及每年需进行验证。</p>'],
    ['冷库温度分布验证操作流程', 'installation', 'validation', '空载、满载、断电、开门四项验证的测点布置与报告要求。', '验证,测点,满载,断电', '<p>测点按库容每 30 立方米不少于 1 个，上中下三层布置；连续采集不少于 48 小时。</p>'],
    ['WMS 出库单提示库存不足的处理', 'troubleshooting', 'wmsStd', '库存被锁定单占用时的释放方法。', 'WMS,出库,库存不足,锁定', '<p>在“库存—锁定记录”中筛选超过 24 小时未执行的锁定单，确认后释放。</p>'],
    ['PDA 扫码设置：GS1-128 条码', 'faq', 'p60', '开启 FNC1 识别以支持医药和食品行业的 GS1 条码。', 'PDA,扫码,GS1,FNC1', '<p>设置—扫描—码制—Code128，勾选“GS1-128（FNC1）”，保存后重启扫描服务。</p>'],
    ['RFID 通道门漏读优化', 'troubleshooting', 'r20', '天线角度、标签类型和金属环境对读取率的影响。', 'RFID,漏读,天线,抗金属', '<p>金属货架附近请使用抗金属标签；天线与通道中心线夹角 30°～45° 时读取率最高。</p>'],
    ['标签打印机日常保养', 'faq', 'l40', '打印头清洁与碳带更换周期。', '打印机,打印头,碳带,清洁', '<p>每更换一卷碳带或每周用无水酒精棉签清洁打印头一次。</p>'],
    ['车载主机安装规范', 'installation', 'c50', '取电、探头布置与门磁安装要求。', '车载,安装,门磁,取电', '<p>从车辆常电取电并串联 5A 保险；探头置于回风口下方 30 厘米，避开出风口直吹。</p>'],
    ['硬件保修政策', 'policy', null, '标准保修与延长保修的范围、期限和不保情形。', '保修,延保,政策', '<p>硬件自验收之日起保修 12 个月；延保按年购买。人为损坏、进水、私自拆机不在保修范围内。</p>'],
    ['服务响应时限（SLA）说明', 'policy', null, '各优先级的响应和解决时限。', 'SLA,响应,时限', `<p>紧急：${SLA.urgent[0]} 小时响应、${SLA.urgent[1]} 小时解决；高：${SLA.high[0]} 小时 / ${SLA.high[1]} 小时；中：${SLA.medium[0]} 小时 / ${SLA.medium[1]} 小时；低：${SLA.low[0]} 小时 / ${SLA.low[1]} 小时。时限按自然时间自受理时起算。</p>`],
    ['冷链云平台告警规则配置', 'product', 'cloudPro', '分级告警、延时告警与值班表设置。', '告警,延时,值班,短信', '<p>开门作业可设置 10 分钟延时告警；夜间告警按值班表逐级通知，无人确认时自动升级电话告警。</p>'],
    ['如何导出历史温度数据', 'faq', 'cloudBasic', '按库房、时间段导出 Excel 或 PDF 报表。', '导出,报表,历史数据', '<p>报表—历史数据—选择库房与时间段—导出；单次最多导出 31 天，可按月分批导出。</p>'],
    ['一物一码赋码流程', 'product', 'trace', '生产线赋码、关联箱码与激活的流程。', '溯源,赋码,箱码,激活', '<p>瓶码与箱码在包装线关联，出库扫描箱码即完成整箱激活，消费者扫码可见产地与流向。</p>'],
    ['超低温冰箱监控方案介绍', 'product', 't300', '-80℃ 冰箱监控的探头选型、断电告警与数据备份。', '超低温,-80℃,断电告警', '<p>采用 PT100 穿线探头，终端内置电池可在断电后持续工作 72 小时并发出断电告警。</p>'],
    ['网关离线常见原因', 'troubleshooting', 'g10', '电源、网络和覆盖范围三类原因。', '网关,离线,覆盖', '<p>建议网关接入 UPS；单网关覆盖半径室内约 100 米，冷库金属墙体会明显衰减信号。</p>'],
    ['平台账号与权限管理', 'faq', 'cloudPro', '新增用户、分配库房权限、解锁账号。', '账号,权限,解锁', '<p>管理员在“系统—用户”中新增账号并勾选可见库房；连续输错 5 次密码将锁定 30 分钟。</p>'],
    ['How to pair a TS-T200 terminal (English)', 'installation', 't200', 'Pairing steps for overseas customers.', 'pairing,setup,English', '<p>Hold the power key for 3 seconds, scan the QR code in the Cold Chain Cloud app, choose the room and save. The first reading appears within 2 minutes.</p>'],
    ['2026 年春节服务安排', 'policy', null, '春节期间值班与备件发货安排。', '春节,值班,备件', '<p>2026 年 2 月 15 日至 2 月 23 日热线 7×24 小时值班，成都、重庆保留应急上门服务；备件 2 月 24 日起恢复发货。</p>'],
  ];
  ARTICLES.push(['GSP 对冷链温度监测的要求（2026 修订版）', 'policy', 'gsp', '在 2025 版基础上新增监测数据上传监管平台和报警处置记录的要求。', 'GSP,附录,验证,药监,监管平台', '<p>新增：温度监测数据需按省级药品监管平台要求实时上传；每次超标报警需记录处置人、处置措施和结果。</p><p>不变：采集间隔不超过 5 分钟，报警通知至少 3 名人员，数据保存不少于 5 年；冷库、冷藏车、保温箱使用前及每年验证。</p>']);
  // Most articles passed knowledge_review and are published; a few wait for review or are being written, and two
  // were archived: the superseded 2025 GSP reading and last Spring Festival's service hours.
  const STATUS = {
    'GSP 对冷链温度监测的要求（2025 版）': 'archived', '2026 年春节服务安排': 'archived', '网关离线常见原因': 'review', '冷链云平台告警规则配置': 'review',
    'How to pair a TS-T200 terminal (English)': 'draft', '平台账号与权限管理': 'draft',
  };
  const PUBLISHED = { 'GSP 对冷链温度监测的要求（2025 版）': '2025-03-10', '2026 年春节服务安排': '2026-01-20', 'GSP 对冷链温度监测的要求（2026 修订版）': '2026-09-15' };
  const r = rng('knowledgeArticle');
  ARTICLES.forEach(([title, category, product, summary, keywords, body], i) => {
    const status = STATUS[title] ?? 'published';
    const publishedOn = PUBLISHED[title] ?? dateIn(r, '2025-01-10', '2026-10-31');
    add('knowledgeArticle', { $owner: [U.maChao, U.guoJing, U.serviceManager][i % 3],
      title, category, product: product ? PRODUCT[product].id : undefined, summary, keywords, body,
      visibility: category === 'policy' || i % 3 === 0 ? 'public' : 'internal', articleVersion: i % 5 === 0 ? 2 : 1,
      status, publishedOn: status === 'published' || status === 'archived' ? publishedOn : undefined,
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Campaign members, mass e-mails, care rules, market intelligence
// ---------------------------------------------------------------------------------------------------------------

{
  const r = rng('campaignMember');
  const targets = { tjh2025: 20, gsp2025: 18, midAutumn2025: 20, live2025: 14, thanks2025: 16, tjh2026: 20, sea2026: 10, wmsMail2026: 16, tjh2027: 8, gspTour2027: 8 };
  for (const [key, n] of Object.entries(targets)) {
    const c = CAMPAIGN[key];
    const leadIds = (c.leads ?? []).slice(0, Math.ceil(n / 2));
    const fits = (ct) => key === 'sea2026' ? ct.account.foreign : key === 'gsp2025' || key === 'gspTour2027' ? ['healthcare', 'logistics', 'publicSector'].includes(ct.account.industry) : key === 'tjh2025' || key === 'tjh2026' || key === 'tjh2027' ? ['retail', 'manufacturing', 'it'].includes(ct.account.industry) : key === 'thanks2025' || key === 'midAutumn2025' ? ['customer', 'repeat'].includes(ct.account.lifecycle) && ct.key : !ct.account.foreign;
    const picked = r.sample(contacts.filter(fits), n - leadIds.length);
    const members = [...leadIds.map((lead) => ({ lead })), ...picked.map((ct) => ({ contact: ct.id }))];
    for (const m of members) {
      const status = c.status === 'planned' ? r.pick(['planned', 'planned', 'sent']) : c.status === 'inProgress' ? r.weighted([['sent', 4], ['responded', 3], ['attended', 1]]) : m.lead ? 'attended' : r.weighted([['attended', 5], ['responded', 2], ['sent', 3]]);
      add('campaignMember', { $owner: U.marketer,
        campaign: c.id, ...m, status,
        respondedAt: status === 'responded' || status === 'attended' ? workTime(r, addDays(c.startDate, -r.int(2, 20))) : undefined,
        notes: m.lead ? '展会/活动现场登记' : status === 'attended' && r.chance(0.3) ? r.pick(['带了两位同事参加', '对新品很感兴趣，会后约拜访', '现场索取了报价单', '参加了晚宴']) : undefined,
      });
    }
  }
}
add('massEmail', { $owner: U.marketer, name: 'WMS 培育邮件第 18 期', campaign: CAMPAIGN.wmsMail2026.id, templateName: 'wms_nurture_case_study', subject: '案例｜一家医药流通企业如何把拣货差错率降到万分之一', status: 'scheduled', scheduledAt: '2026-12-01T10:00:00+08:00' });
add('massEmail', { $owner: U.marketer, name: 'WMS 培育邮件第 19 期', campaign: CAMPAIGN.wmsMail2026.id, templateName: 'wms_nurture_roi', subject: 'WMS 投资回报怎么算？附 ROI 计算表', status: 'draft' });
add('massEmail', { $owner: U.marketer, name: '2027 糖酒会邀请函', campaign: CAMPAIGN.tjh2027.id, templateName: 'exhibition_invitation', subject: '诚邀莅临 2027 春季全国糖酒会 · 天枢展位', status: 'draft' });
add('massEmail', { $owner: U.marketer, name: '2026 新春祝福', campaign: CAMPAIGN.fy2026.id, templateName: 'greeting_spring_festival', subject: '恭贺新春，万事顺意', status: 'cancelled' });

add('careRule', { $owner: U.marketer, name: '关键联系人生日关怀', occasion: 'birthday', daysBefore: 3, action: 'task', keyContactsOnly: true, active: true, description: '生日前 3 天提醒客户负责人准备问候或小礼品。' });
add('careRule', { $owner: U.marketer, name: '客户生日祝福短信', occasion: 'birthday', daysBefore: 0, action: 'greeting', template: 'greeting_birthday', keyContactsOnly: false, active: true });
add('careRule', { $owner: U.marketer, name: '2027 春节祝福', occasion: 'springFestival', occasionDate: '2027-02-06', daysBefore: 7, action: 'greeting', template: 'greeting_spring_festival', keyContactsOnly: false, active: true, description: '2027 年春节为 2 月 6 日。' });
add('careRule', { $owner: U.marketer, name: '2026 中秋礼盒拜访', occasion: 'midAutumn', occasionDate: '2026-09-25', daysBefore: 10, action: 'task', keyContactsOnly: true, active: false, description: '已执行完毕，明年更新日期后启用。' });
add('careRule', { $owner: U.marketer, name: '合同签约周年回访', occasion: 'contractAnniversary', daysBefore: 15, action: 'task', keyContactsOnly: true, active: true, description: '签约满一年前两周安排回访，了解使用情况，挖掘续约和增购机会。' });

{
  const r = rng('marketIntel');
  const INTEL = [
    ['杭州冷眼科技推出 399 元低价记录仪', 'competitor', 0, 'exhibition', 'high', '在上海冷链展上发布入门款记录仪，渠道价 399 元，主打小型药店和诊所。'],
    ['深圳安链与某头部冷链车队签订三年框架', 'competitor', 1, 'media', 'high', '行业媒体报道安链中标 1,200 台车载终端，预计在华南进一步压价。'],
    ['上海仓易 WMS 推出 SaaS 订阅版', 'competitor', 2, 'internet', 'medium', '按仓库每月 2,980 元订阅，含基础实施，冲击我方标准版。'],
    ['广州正航溯源降价 20%', 'pricing', 5, 'customerVisit', 'medium', '泸州某酒企反馈正航报价每百万码降至 1.6 万元。'],
    ['ColdTrack 进入东南亚医药市场', 'competitor', 6, 'partner', 'medium', '新加坡合作伙伴反馈 ColdTrack 在马来西亚设立分销商。'],
    ['药监局发布药品冷链监测新规征求意见稿', 'policy', null, 'internet', 'high', '拟要求温度数据实时上传省级监管平台，预计 2027 年实施，将带来大量改造需求。'],
    ['四川白酒产区推进“一物一码”全覆盖', 'policy', null, 'media', 'high', '省经信厅鼓励名优白酒企业 2027 年前实现一物一码全覆盖，对溯源系统有补贴。'],
    ['冷链物流“十五五”规划重点', 'industry', null, 'media', 'medium', '强调骨干冷链物流基地建设和全程温控数字化。'],
    ['某大型医药集团计划新建西南物流中心', 'customer', null, 'customerVisit', 'high', '客户透露明年在成都新建 3 万平方米医药物流中心，WMS 和冷链监控将公开招标。'],
    ['预制菜企业冷链需求快速增长', 'industry', null, 'exhibition', 'medium', '糖酒会上预制菜展商明显增多，多家咨询中央厨房到门店的温控方案。'],
    ['芯片涨价，4G 模组成本上升约 8%', 'pricing', null, 'partner', 'medium', '模组供应商通知明年一季度起涨价，需评估终端报价调整。'],
    ['某市疾控中心疫苗冷链项目招标公告', 'customer', null, 'bidding', 'high', '预算 180 万元，含 -80℃ 冰箱监控和平台建设，投标截止 2026 年 12 月 15 日。'],
    ['北京鼎盛冷链被曝交付延期', 'competitor', 3, 'customerVisit', 'low', '重庆某医院反馈鼎盛项目延期两个月，可作为竞争切入点。'],
    ['东南亚榴莲出口冷链需求', 'industry', null, 'exhibition', 'medium', '新加坡推介会上多家泰国、越南出口商询问集装箱冷链监控。'],
    ['苏州启航 RFID 通道门质量问题', 'competitor', 4, 'customerVisit', 'low', '客户反馈启航通道门在冷库低温下读取率明显下降。'],
  ];
  const linkable = accounts.filter((a) => a.kind !== 'association');
  for (const [title, category, comp, source, importance, body] of INTEL) {
    // Reps report what they hear from customers; the marketer follows industry news and policy.
    const reporter = ['competitor', 'pricing', 'customer'].includes(category) ? r.pick([U.chenHao, U.zhangMin, U.huangLei, U.zhaoQian, U.emily]) : U.marketer;
    add('marketIntel', { $owner: reporter, reportedBy: userRef(reporter),
      title, category, body, source, importance,
      competitor: comp === null ? undefined : competitorIds[comp],
      account: category === 'customer' ? accountId(r.pick(linkable.filter((a) => a.kind === 'group' || a.kind === 'government'))) : undefined,
      product: /记录仪|终端|模组/.test(title + body) ? PRODUCT.t200.id : /WMS/.test(title) ? PRODUCT.wmsStd.id : /溯源|一物一码/.test(title) ? PRODUCT.trace.id : undefined,
      sourceUrl: source === 'internet' || source === 'media' ? `https://news.example.cn/coldchain/${r.digits(6)}` : undefined,
      reportedOn: dateIn(r, '2025-03-01', TODAY),
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Activities and notes
// ---------------------------------------------------------------------------------------------------------------

{
  const r = rng('activity');
  const VISIT_RESULTS = ['客户认可方案，要求补充报价明细。', '参观了仓库现场，确认点位数量约 {n} 个。', '与采购经理沟通了付款条件，倾向分三期。', '客户对竞品价格有顾虑，需要我方提供 TCO 对比。', '演示了平台移动端，质量负责人很满意。', '确认了项目预算，预计下月立项。', '技术交流顺利，客户 IT 要求开放接口文档。'];
  const CALL_SUBJECTS = ['电话回访使用情况', '确认到货时间', '跟进报价反馈', '催收第二期款项', '预约上门演示', '确认招标时间', '了解竞品报价'];
  const TASKS = ['准备技术方案', '整理报价明细并提交审批', '寄送样机', '准备投标文件', '更新客户组织架构', '安排售后工程师培训', '提交合同用印申请'];
  const pool = opportunities.filter((o) => o.stage !== 'lost' || r.chance(0.3));
  const TYPES = r.shuffle([...Array(40).fill('visit'), ...Array(45).fill('call'), ...Array(20).fill('meeting'), ...Array(30).fill('task'), ...Array(15).fill('expense')]);
  for (const type of TYPES) {
    const o = r.pick(pool);
    const a = o.account;
    const ct = contactOf(r, a, r.pick(['decisionMaker', 'purchaser', 'evaluator', 'user']));
    const from = addDays(o.closeDate, -120);
    const to = o.stage === 'won' || o.stage === 'lost' ? o.closeDate : minDate(o.closeDate, addDays(TODAY, 30));
    const day = dateIn(r, maxDate('2025-01-03', from), maxDate(to, '2025-01-03'));
    const past = day < TODAY;
    const status = past ? r.weighted([['completed', 12], ['cancelled', 1]]) : day === TODAY ? 'inProgress' : 'planned';
    const start = workTime(r, day);
    const base = { $owner: a.owner, account: accountId(a), contact: ct.id, opportunity: o.id, priority: r.weighted([['high', 2], ['normal', 6], ['low', 1]]), status };
    if (type === 'visit' || type === 'meeting') {
      add('activity', {
        ...base, type, subject: type === 'visit' ? cat('拜访', a.shortName, ct.title ?? '', ct.name) : cat(a.shortName, `项目${r.pick(['技术交流会', '方案评审会', '商务谈判', '启动会'])}`),
        startAt: start, dueAt: plusHours(start, 2), completedAt: status === 'completed' ? plusHours(start, 2) : undefined,
        location: a.foreign ? (type === 'meeting' ? '视频会议（腾讯会议）' : a.address) : type === 'meeting' && r.chance(0.3) ? '腾讯会议' : a.address,
        checkInAt: type === 'visit' && status === 'completed' ? plusHours(start, -0.2) : undefined,
        result: status === 'completed' ? r.pick(VISIT_RESULTS).replace('{n}', String(r.int(20, 200))) : undefined,
        nextStep: status === 'completed' || status === 'planned' ? r.pick(['发送会议纪要', '三天内提交报价', '安排技术工程师现场勘察', '约客户高层吃饭', '准备合同草稿']) : undefined,
      });
    } else if (type === 'call') {
      add('activity', { ...base, type, subject: `${r.pick(CALL_SUBJECTS)}（${ct.name}）`, startAt: start, dueAt: plusHours(start, 0.5), completedAt: status === 'completed' ? plusHours(start, 0.25) : undefined, result: status === 'completed' ? r.pick(['已沟通，客户下周答复。', '客户不在，已发微信留言。', '确认无误。', '客户表示款项已走审批流程。']) : undefined });
    } else if (type === 'task') {
      const subject = r.pick(TASKS);
      // Training the customer's staff is the service team's job: the rep hands the task to an agent.
      const assignedTo = subject === '安排售后工程师培训' ? userRef(r.pick(AGENTS)) : undefined;
      add('activity', { ...base, type, subject, assignedTo, dueAt: at(day, 18), completedAt: status === 'completed' ? plusHours(at(day, 18), -r.int(1, 8)) : undefined, description: `关联商机：${o.name}` });
    } else {
      const expenseType = r.weighted([['travel', 4], ['meals', 3], ['transport', 2], ['gifts', 1]]);
      const amount = { travel: r.int(8, 40) * 100, meals: r.int(3, 15) * 100, transport: r.int(5, 30) * 10, gifts: r.int(2, 10) * 100 }[expenseType];
      add('activity', {
        ...base, type, status: past ? 'completed' : 'planned', subject: `${{ travel: '差旅', meals: '客户招待', transport: '交通', gifts: '客户礼品' }[expenseType]}费用：${a.shortName}`,
        startAt: start, completedAt: past ? plusHours(start, 1) : undefined, expenseType, expenseAmount: amount,
        description: { travel: `往返${a.city.name ?? ''}高铁及住宿 ${r.int(1, 2)} 晚。`, meals: '商务宴请，参与人数 4 人。', transport: '市内打车。', gifts: '中秋月饼礼盒。' }[expenseType],
      });
    }
  }
}
{
  const r = rng('note');
  const NOTES = [
    ['客户组织架构', '总经理拍板，质量负责人有一票否决权；采购只负责比价。'],
    ['竞品情况', '客户目前使用竞品记录仪，合同明年 3 月到期，续约意愿不强。'],
    ['决策时间表', '客户预算在年初董事会审批，3 月底前定供应商。'],
    ['付款习惯', '该客户付款一般拖 2-3 周，需提前跟进财务。'],
    ['关键需求', '必须支持温度数据对接省药监平台，并能导出 PDF 报告。'],
    ['投诉处理记录', '上次投诉后我方赠送一次免费巡检，客户关系已修复。'],
    ['招标信息', '项目将走公开招标，评分办法技术 60 分、商务 40 分。'],
    ['高层拜访纪要', '客户董事长关注数字化转型，愿意做样板客户。'],
    ['Meeting notes', 'Customer needs an English user manual and CE certificate before the pilot.'],
    ['续约风险', '客户新来的 IT 负责人倾向自研，需尽快安排高层拜访。'],
  ];
  for (let i = 0; i < 30; i++) {
    const o = r.pick(opportunities);
    const [title, body] = o.account.foreign ? NOTES[8] : r.pick(NOTES.filter((n) => n !== NOTES[8]));
    add('note', { $owner: o.account.owner, title: `${title}（${o.account.shortName}）`, body, account: accountId(o.account), contact: r.chance(0.4) ? o.contact.id : undefined, opportunity: r.chance(0.7) ? o.id : undefined });
  }
}

// Accounts last: their lifecycle stage follows the deals.
for (const a of accounts) add('account', a.body, a.owner);

// ---------------------------------------------------------------------------------------------------------------
// Write
// ---------------------------------------------------------------------------------------------------------------

fs.mkdirSync(SEED_DIR, { recursive: true });
for (const old of fs.readdirSync(SEED_DIR)) if (old.endsWith('.json')) fs.rmSync(path.join(SEED_DIR, old));
let total = 0;
for (const [entity, records] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
  fs.writeFileSync(path.join(SEED_DIR, `${entity}.json`), `${JSON.stringify({ entity, records }, null, 2)}\n`);
  total += records.length;
  console.log(`${entity.padEnd(18)} ${String(records.length).padStart(5)}`);
}
console.log(`${'total'.padEnd(18)} ${String(total).padStart(5)}  -> ${path.relative(process.cwd(), SEED_DIR) || '.'}`);
