import { fill, type SeededRandom } from "./random";

/** A demo community member: handle, name, bio and the verticals they mostly write about. */
export interface DemoMember {
  handle: string;
  displayName: string;
  bio: string;
  /** Category slugs in order of interest; the first is where most of their notes go. */
  interests: string[];
}

// [handle, display name, main interests]: names in the style people pick on the app.
const MEMBERS: readonly (readonly [string, string, readonly string[]])[] = [
  ["taozi_tang", "桃子不加糖", ["beauty", "fashion"]],
  ["shanye_laixin", "山野来信", ["travel", "sports"]],
  ["naicha_xuming", "奶茶续命中", ["food", "beauty"]],
  ["alv_kitchen", "阿绿的厨房", ["food", "home"]],
  ["xiaolu_lu", "一只小鹿Lu", ["fashion", "beauty"]],
  ["mumu_mama", "木木妈妈", ["baby", "home"]],
  ["chenxi_run", "晨曦跑者", ["sports", "travel"]],
  ["geek_laozhou", "极客老周", ["digital", "home"]],
  ["yuyu_home", "鱼鱼的小窝", ["home", "food"]],
  ["qingcheng_qing", "青橙", ["beauty", "food"]],
  ["zhouzhou_trip", "周周去旅行", ["travel", "food"]],
  ["kafei_bubu", "咖啡不苦", ["food", "digital"]],
  ["miya_ootd", "米亚的衣橱", ["fashion", "travel"]],
  ["tuanzi_baba", "团子爸爸", ["baby", "digital"]],
  ["lanlan_yoga", "蓝蓝练瑜伽", ["sports", "beauty"]],
  ["ajie_desk", "阿杰的桌面", ["digital", "home"]],
  ["xiaomi_zhou", "小米粥", ["food", "baby"]],
  ["wanwan_skin", "弯弯护肤日记", ["beauty", "home"]],
  ["beibei_go", "贝贝出发吧", ["travel", "baby"]],
  ["linlin_knit", "林林爱针织", ["fashion", "home"]],
  ["dongdong_gym", "冬冬撸铁", ["sports", "food"]],
  ["sunny_pad", "Sunny的平板", ["digital", "fashion"]],
  ["huahua_garden", "花花的阳台", ["home", "travel"]],
  ["tangyuan_bao", "汤圆宝宝成长记", ["baby", "food"]],
  ["xiaoxiao_lip", "笑笑试色", ["beauty", "fashion"]],
  ["mountain_kai", "凯在路上", ["travel", "sports"]],
  ["doudou_bake", "豆豆烘焙", ["food", "home"]],
  ["jiujiu_style", "玖玖穿搭", ["fashion", "beauty"]],
  ["leo_keyboard", "Leo键盘控", ["digital", "sports"]],
  ["xiaoyu_swim", "小雨爱游泳", ["sports", "travel"]],
  ["nuomi_mom", "糯米妈咪", ["baby", "beauty"]],
  ["cici_clean", "慈慈收纳", ["home", "baby"]],
  ["amber_city", "琥珀城市漫步", ["travel", "fashion"]],
  ["qiuqiu_snack", "球球零食铺", ["food", "travel"]],
  ["momo_camera", "默默拍照", ["digital", "travel"]],
  ["yaoyao_run", "瑶瑶跑起来", ["sports", "fashion"]],
  ["xingxing_book", "星星读绘本", ["baby", "home"]],
  ["bai_cha", "白茶清欢", ["beauty", "travel"]],
  ["lao_wang_cook", "老王下厨房", ["food", "sports"]],
  ["yiyi_room", "依依的房间", ["home", "fashion"]],
  ["kk_gadget", "KK数码馆", ["digital", "baby"]],
  ["fangfang_hike", "芳芳徒步记", ["sports", "travel"]],
  ["lemon_daily", "柠檬日常", ["fashion", "food"]],
  ["tiantian_tea", "甜甜爱喝茶", ["food", "home"]],
];

const CITIES = ["上海", "杭州", "成都", "广州", "北京", "深圳", "南京", "武汉", "厦门", "长沙", "西安", "苏州"];
const BIO_TEMPLATES = [
  "{city}｜{like}爱好者｜{motto}",
  "坐标{city}，{motto}",
  "{like}｜{motto}｜商务合作请私信",
  "一个住在{city}的普通人，分享{like}和日常",
  "{motto}～ 坐标{city}",
];
const LIKES: Record<string, readonly string[]> = {
  beauty: ["护肤", "美妆", "试色"],
  food: ["做饭", "探店", "烘焙"],
  digital: ["数码", "桌搭", "效率工具"],
  home: ["收纳", "家居", "养花"],
  fashion: ["穿搭", "逛街", "针织"],
  baby: ["育儿", "亲子阅读", "辅食"],
  sports: ["跑步", "健身", "瑜伽"],
  travel: ["旅行", "徒步", "城市漫步"],
};
const MOTTOS = ["认真生活，慢慢变好", "只分享自己真心用过的", "热爱可抵岁月漫长", "保持好奇，保持热爱", "今天也要开心呀", "记录平凡日子里的小确幸"];

/** The demo community, the same on every first start for the same generator seed. */
export function demoMembers(rng: SeededRandom): DemoMember[] {
  return MEMBERS.map(([handle, displayName, interests]) => ({
    handle,
    displayName,
    interests: [...interests],
    bio: fill(rng.pick(BIO_TEMPLATES), {
      city: rng.pick(CITIES),
      like: rng.pick(LIKES[interests[0]!] ?? ["生活"]),
      motto: rng.pick(MOTTOS),
    }),
  }));
}
