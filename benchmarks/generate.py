"""Generate a realistic synthetic bank as CSV: relationship managers, customers and holdings.

Every value follows the import rules (valid ID numbers with birth date and gender consistent
with them, past open dates, maturities after open dates), so the importer accepts every row.
Output is deterministic for a given seed and `today`, and written row by row: memory does not
grow with the number of customers.

    python benchmarks/generate.py --customers 1000000 --holdings 2000000 --rms 500 --out DIR
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import math
import multiprocessing
import random
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

try:
    from bankcrm_cli.domain import fields
    from bankcrm_cli.domain.identity import check_digit
    from bankcrm_cli.domain.products import PRODUCT_LABELS
except ModuleNotFoundError:  # run from a checkout without installing the package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bankcrm_cli.domain import fields
    from bankcrm_cli.domain.identity import check_digit
    from bankcrm_cli.domain.products import PRODUCT_LABELS

T = TypeVar("T")
_M64 = (1 << 64) - 1
_PHI_FRACTION = (math.sqrt(5) - 1) / 2

FIRST_BIRTH_YEAR = 1940
LAST_BIRTH_YEAR = 2005
OLD_ID_LAST_YEAR = 1979  # 15-digit IDs were replaced before the youngest of these grew up

# ---------------------------------------------------------------------------------------------
# Reference tables
# ---------------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _table(text: str) -> list[tuple[str, ...]]:
    return [tuple(item.split(":")) for item in text.split()]


# Surname, pinyin, share per 10,000 (2020 census order of the commonest surnames).
_SURNAMES = _table(
    """王:wang:710 李:li:700 张:zhang:640 刘:liu:530 陈:chen:460 杨:yang:310 黄:huang:220
    赵:zhao:200 吴:wu:180 周:zhou:170 徐:xu:130 孙:sun:120 马:ma:110 朱:zhu:110 胡:hu:100
    郭:guo:97 何:he:88 林:lin:87 高:gao:86 罗:luo:83 郑:zheng:81 梁:liang:72 谢:xie:61
    宋:song:58 唐:tang:56 许:xu:53 韩:han:52 冯:feng:51 邓:deng:51 曹:cao:48 彭:peng:47
    曾:zeng:45 肖:xiao:44 田:tian:42 董:dong:40 潘:pan:38 袁:yuan:38 蔡:cai:36 蒋:jiang:35
    余:yu:35 于:yu:35 杜:du:34 叶:ye:34 程:cheng:33 魏:wei:32 苏:su:31 吕:lv:31 丁:ding:30
    任:ren:30 卢:lu:29 姚:yao:29 沈:shen:28 钟:zhong:28 姜:jiang:27 崔:cui:27 谭:tan:26
    陆:lu:25 范:fan:24 汪:wang:24 廖:liao:23 石:shi:23 金:jin:22 韦:wei:22 贾:jia:22 夏:xia:21
    付:fu:21 方:fang:21 邹:zou:20 熊:xiong:20 白:bai:20 孟:meng:19 秦:qin:19 邱:qiu:19
    侯:hou:19 江:jiang:18 尹:yin:18 薛:xue:18 闫:yan:17 段:duan:17 雷:lei:17 龙:long:16
    黎:li:16 史:shi:16 陶:tao:15 贺:he:15 毛:mao:15 郝:hao:15 顾:gu:14 龚:gong:14 邵:shao:14
    万:wan:13 覃:qin:13 武:wu:13 钱:qian:13 戴:dai:12 严:yan:12 莫:mo:12 孔:kong:12
    向:xiang:11 常:chang:11"""
)
_COMPOUND_SURNAMES = _table(
    """欧阳:ouyang 司马:sima 上官:shangguan 诸葛:zhuge 东方:dongfang 皇甫:huangfu 尉迟:yuchi
    公孙:gongsun 慕容:murong 令狐:linghu 夏侯:xiahou 司徒:situ 端木:duanmu"""
)
# Given-name characters and two-character names, by gender and by generation.
_GIVEN = {
    (True, False): _table(
        """军:jun 刚:gang 勇:yong 斌:bin 强:qiang 伟:wei 平:ping 华:hua 明:ming 林:lin 峰:feng
        涛:tao 波:bo 辉:hui 亮:liang 东:dong 兵:bing 杰:jie 建:jian 国:guo 志:zhi 文:wen
        海:hai 永:yong 德:de 胜:sheng 庆:qing 卫:wei 红:hong 新:xin"""
    ),
    (True, True): _table(
        """浩:hao 宇:yu 轩:xuan 鑫:xin 磊:lei 鹏:peng 超:chao 杰:jie 俊:jun 凯:kai 帅:shuai
        博:bo 晨:chen 阳:yang 睿:rui 涛:tao 旭:xu 昊:hao 宁:ning 哲:zhe 楠:nan 铭:ming
        泽:ze 航:hang 彬:bin 诚:cheng 健:jian 毅:yi 翔:xiang 驰:chi"""
    ),
    (False, False): _table(
        """英:ying 兰:lan 芳:fang 霞:xia 梅:mei 珍:zhen 萍:ping 红:hong 华:hua 玲:ling 燕:yan
        娟:juan 丽:li 敏:min 静:jing 秀:xiu 琼:qiong 凤:feng 淑:shu 琴:qin 云:yun 艳:yan
        慧:hui 洁:jie 莉:li 荣:rong 玉:yu 春:chun 月:yue 菊:ju"""
    ),
    (False, True): _table(
        """婷:ting 雪:xue 慧:hui 莹:ying 倩:qian 颖:ying 琳:lin 洁:jie 丹:dan 佳:jia 欣:xin
        怡:yi 悦:yue 璐:lu 晶:jing 薇:wei 涵:han 雯:wen 瑶:yao 琪:qi 萌:meng 蕾:lei 诗:shi
        雨:yu 梦:meng 梓:zi 晓:xiao 思:si 可:ke 语:yu"""
    ),
}
_GIVEN_PAIRS = {
    (True, False): _table(
        """建国:jianguo 建军:jianjun 国庆:guoqing 国强:guoqiang 志强:zhiqiang 志明:zhiming
        卫东:weidong 振华:zhenhua 文斌:wenbin 永刚:yonggang 建华:jianhua 海涛:haitao
        立新:lixin 长江:changjiang 德明:deming 红兵:hongbing 学军:xuejun 春生:chunsheng"""
    ),
    (True, True): _table(
        """子轩:zixuan 浩然:haoran 宇航:yuhang 俊杰:junjie 梓豪:zihao 一鸣:yiming 天佑:tianyou
        思远:siyuan 嘉诚:jiacheng 明轩:mingxuan 家豪:jiahao 博文:bowen 皓轩:haoxuan
        宇轩:yuxuan 晨阳:chenyang 泽宇:zeyu 志豪:zhihao 俊熙:junxi"""
    ),
    (False, False): _table(
        """秀英:xiuying 桂英:guiying 秀兰:xiulan 玉兰:yulan 桂兰:guilan 淑珍:shuzhen
        淑英:shuying 凤英:fengying 丽华:lihua 美玲:meiling 红梅:hongmei 海燕:haiyan
        秀珍:xiuzhen 春梅:chunmei 玉梅:yumei 丽娟:lijuan 淑华:shuhua 素芬:sufen"""
    ),
    (False, True): _table(
        """梓涵:zihan 欣怡:xinyi 诗涵:shihan 雨婷:yuting 思琪:siqi 佳怡:jiayi 子涵:zihan
        梦瑶:mengyao 雨欣:yuxin 可馨:kexin 晓雯:xiaowen 婉清:wanqing 静怡:jingyi 一诺:yinuo
        若曦:ruoxi 心怡:xinyi 语嫣:yuyan 雅琪:yaqi"""
    ),
}
# Uyghur and Kazakh names keep the `·` between the given name and the father's name.
_MINORITY_GIVEN = {
    True: _table(
        """艾力:aili 买买提:maimaiti 阿不都拉:abudula 艾山:aishan 吐尔逊:tuerxun 努尔兰:nuerlan
        依明:yiming 热合曼:reheman 肉孜:rouzi 阿里木:alimu"""
    ),
    False: _table(
        """阿依古丽:ayiguli 古丽娜尔:gulinaer 热依拉:reyila 迪丽娜尔:dilinaer 帕提古丽:patiguli
        努尔比亚:nuerbiya 米热古丽:miereguli 阿依努尔:ayinuer 再努尔:zainuer 玛依拉:mayila"""
    ),
}
_MINORITY_FATHER = _table(
    """买买提:maimaiti 阿不都拉:abudula 吐尔逊:tuerxun 艾山:aishan 热合曼:reheman 依明:yiming
    艾合买提:aihemaiti 阿布都热合曼:abudureheman 托合提:tuoheti 卡德尔:kadeer"""
)


@dataclass(frozen=True)
class District:
    """A district people live in: its ID region code, postal code and some of its streets."""

    city: str
    province: str
    name: str
    region: str
    postal_code: str
    area_code: str
    streets: tuple[str, ...]


def _districts() -> list[District]:
    # (province, city, area code): district region postal streets...
    spec = {
        ("北京市", "北京市", "010"): [
            "东城区 110101 100010 东长安街 王府井大街 东四北大街 朝阳门内大街",
            "西城区 110102 100032 金融大街 西单北大街 阜成门内大街 月坛南街",
            "朝阳区 110105 100020 建国路 朝阳北路 望京街 东三环中路 光华路",
            "丰台区 110106 100071 丰台北路 南三环西路 科学城路",
            "海淀区 110108 100080 中关村大街 海淀大街 学院路 北四环西路 万泉河路",
            "通州区 110112 101100 新华大街 运河西大街",
        ],
        ("上海市", "上海市", "021"): [
            "黄浦区 310101 200001 南京东路 淮海中路 西藏中路",
            "徐汇区 310104 200030 漕溪北路 肇嘉浜路 虹桥路 天钥桥路",
            "静安区 310106 200040 南京西路 延安中路 共和新路",
            "闵行区 310112 201100 七莘路 沪闵路 莘庄路",
            "浦东新区 310115 200120 世纪大道 陆家嘴环路 张杨路 东方路 浦东南路",
        ],
        ("广东省", "广州市", "020"): [
            "越秀区 440104 510030 环市东路 北京路 东风中路",
            "海珠区 440105 510220 新港中路 江南大道中",
            "天河区 440106 510630 天河路 体育西路 华夏路 中山大道西",
        ],
        ("广东省", "深圳市", "0755"): [
            "福田区 440304 518048 深南大道 福华三路 益田路",
            "南山区 440305 518052 科技园南路 南海大道 后海大道 海德三道",
            "宝安区 440306 518101 宝安大道 新安六路",
        ],
        ("浙江省", "杭州市", "0571"): [
            "上城区 330102 310002 解放路 延安路 庆春路",
            "西湖区 330106 310013 文三路 天目山路 教工路",
            "滨江区 330108 310051 江南大道 滨盛路",
        ],
        ("江苏省", "南京市", "025"): [
            "玄武区 320102 210018 中山路 珠江路",
            "建邺区 320105 210019 江东中路 河西大街",
            "鼓楼区 320106 210009 中山北路 湖南路 北京西路",
        ],
        ("江苏省", "苏州市", "0512"): [
            "吴中区 320506 215128 东吴北路 宝带西路",
            "姑苏区 320508 215008 人民路 干将西路",
        ],
        ("四川省", "成都市", "028"): [
            "锦江区 510104 610021 春熙路 红星路三段",
            "青羊区 510105 610031 人民中路 蜀都大道",
            "武侯区 510107 610041 人民南路四段 科华北路 武侯祠大街",
        ],
        ("湖北省", "武汉市", "027"): [
            "江汉区 420103 430022 解放大道 新华路",
            "武昌区 420106 430061 中北路 武珞路 中南路",
        ],
        ("陕西省", "西安市", "029"): [
            "碑林区 610103 710001 东大街 南关正街",
            "雁塔区 610113 710061 小寨东路 长安中路 高新路",
        ],
        ("天津市", "天津市", "022"): [
            "和平区 120101 300041 南京路 滨江道",
            "河西区 120103 300202 友谊路 大沽南路",
        ],
        ("重庆市", "重庆市", "023"): [
            "渝中区 500103 400010 民族路 中山三路 邹容路",
            "江北区 500105 400020 建新北路 北城天街",
        ],
        ("山东省", "青岛市", "0532"): [
            "市南区 370202 266001 香港中路 中山路",
            "崂山区 370212 266061 海尔路 深圳路",
        ],
        ("福建省", "厦门市", "0592"): [
            "思明区 350203 361001 湖滨南路 厦禾路",
            "湖里区 350206 361006 吕岭路 嘉禾路",
        ],
        ("新疆维吾尔自治区", "乌鲁木齐市", "0991"): [
            "天山区 650102 830002 解放北路 新华北路",
            "沙依巴克区 650103 830000 友好南路 西北路",
        ],
        ("河南省", "郑州市", "0371"): ["金水区 410105 450003 花园路 金水路"],
        ("湖南省", "长沙市", "0731"): [
            "芙蓉区 430102 410011 五一大道 韶山北路",
            "岳麓区 430104 410006 麓山南路 枫林三路",
        ],
        ("辽宁省", "沈阳市", "024"): [
            "和平区 210102 110001 南京北街 太原北街",
            "铁西区 210106 110021 兴华南街 北一中路",
        ],
    }
    out = []
    for (province, city, area_code), rows in spec.items():
        for row in rows:
            name, region, postal, *streets = row.split()
            out.append(District(city, province, name, region, postal, area_code, tuple(streets)))
    return out


DISTRICTS: tuple[District, ...] = tuple(_districts())

# Birthplaces in ID numbers: every district above plus towns people move from.
_XINJIANG_REGIONS = ("650102", "650103", "653101", "652801")
ID_REGIONS: tuple[str, ...] = tuple(d.region for d in DISTRICTS) + _words(
    """130102 130203 140105 150102 220102 230103 340104 341202 360102 360702 370102 371302
    410302 411302 421002 431002 440513 441302 450103 460105 520102 530102 540102 620102
    630102 640104 653101 652801 320902 321002 330302 330602 350102 350582 510704 511102"""
)

# Branch, city of its customers. The first ones are the branches of a small sample bank.
BRANCHES: tuple[tuple[str, str], ...] = (
    ("北京分行营业部", "北京市"),
    ("朝阳支行", "北京市"),
    ("海淀支行", "北京市"),
    ("上海分行浦东支行", "上海市"),
    ("上海分行徐汇支行", "上海市"),
    ("深圳分行南山支行", "深圳市"),
    ("广州分行天河支行", "广州市"),
    ("杭州分行西湖支行", "杭州市"),
    ("南京分行鼓楼支行", "南京市"),
    ("成都分行武侯支行", "成都市"),
    ("西城支行", "北京市"),
    ("上海分行营业部", "上海市"),
    ("武汉分行武昌支行", "武汉市"),
    ("西安分行雁塔支行", "西安市"),
    ("深圳分行福田支行", "深圳市"),
    ("天津分行和平支行", "天津市"),
    ("重庆分行渝中支行", "重庆市"),
    ("苏州分行姑苏支行", "苏州市"),
    ("青岛分行市南支行", "青岛市"),
    ("厦门分行思明支行", "厦门市"),
    ("乌鲁木齐分行天山支行", "乌鲁木齐市"),
    ("郑州分行金水支行", "郑州市"),
    ("长沙分行岳麓支行", "长沙市"),
    ("沈阳分行和平支行", "沈阳市"),
)
_ESTATES = _words(
    """阳光花园 锦绣家园 翠湖苑 华府天地 金色家园 世纪花园 和平里小区 紫荆公寓 东方明珠苑
    滨江花园 龙湖春江郦城 万象新天 幸福里"""
)
_TOWERS = _words("国贸 环球金融中心 财富中心 时代广场 中信 嘉里中心 世纪商务 创新科技")
_MOBILE_PREFIXES = _words(
    "130 131 132 133 134 135 136 137 138 139 145 147 150 151 152 153 155 156 157 158 159 166 "
    "173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 193 195 198 199"
)
# Made-up data reaches nobody: e-mail only at names reserved for examples (RFC 2606 and 6761:
# example.com/.net/.org and anything under .example), the popular providers' share kept.
_MAIL_DOMAINS = (
    ("qq.example", 30),
    ("163.example", 25),
    ("126.example", 10),
    ("sina.example", 5),
    ("139.example", 5),
    ("foxmail.example", 5),
    ("example.com", 5),
    ("example.net", 4),
    ("example.org", 4),
    ("sohu.example", 3),
    ("yeah.example", 2),
)
_NUMBERED_MAIL_DOMAIN = "qq.example"  # where most addresses are a number, as at QQ Mail
RM_MAIL_DOMAIN = "bank.example"
# Mobiles in segment 154, which MIIT has allocated to no operator (with 142, 143, 161, 164 and
# 194), so a sample number rings nobody yet passes the importer's 1[3-9]xxxxxxxxx.
FICTIONAL_MOBILE_SEGMENT = "154"
# Landlines (faxes) with a local number starting 0: that digit is the trunk prefix, so no
# subscriber number starts with it and the number cannot be dialled.
FICTIONAL_LOCAL_FIRST_DIGIT = "0"

# AUM tiers (DOMAIN.md): share of customers, lower and upper bound in yuan. A pyramid.
_TIERS = (
    (0.55, 20, 50_000),  # 普通
    (0.30, 50_000, 500_000),  # 金卡
    (0.08, 500_000, 1_000_000),  # 白金
    (0.06, 1_000_000, 6_000_000),  # 钻石
    (0.01, 6_000_000, 60_000_000),  # 私人银行
)
# Richer customers hold more products.
_TIER_HOLDING_WEIGHT = (1.0, 1.8, 2.6, 3.4, 4.5)

# Birth-year weights (a bank's customers are mostly of working age); copies of one year use
# separate bands of sequence numbers, which keeps ID numbers unique.
_MAX_YEAR_WEIGHT = 8
_SEQ_PER_BAND = 62


def _year_weight(year: int) -> int:
    for last, weight in (
        (1949, 1),
        (1954, 2),
        (1959, 3),
        (1964, 5),
        (1974, 7),
        (1989, 8),
        (1995, 7),
        (2000, 5),
    ):
        if year <= last:
            return weight
    return 3


# The product types and their Chinese labels are the importer's own.
PRODUCT_TYPES: tuple[str, ...] = tuple(PRODUCT_LABELS)
PRODUCT_LABELS_ZH: dict[str, str] = PRODUCT_LABELS
TERM_PRODUCTS = frozenset({"time_deposit", "installment_savings", "large_cd", "wealth"})

# Product choice after the first holding, per tier.
_PRODUCT_WEIGHTS = {
    "time_deposit": (34, 34, 30, 28, 26),
    "installment_savings": (6, 6, 3, 2, 1),
    "large_cd": (0, 4, 10, 12, 12),
    "wealth": (10, 16, 20, 22, 24),
    "fund": (8, 10, 12, 12, 12),
    "insurance": (5, 7, 8, 9, 10),
    "loan": (8, 8, 6, 5, 4),
    "current": (6, 5, 4, 4, 4),
}
# Share of assets each product type tends to take.
_ASSET_SHARE = {
    "current": 0.25,
    "time_deposit": 1.0,
    "installment_savings": 0.15,
    "large_cd": 1.6,
    "wealth": 1.2,
    "fund": 0.6,
    "insurance": 0.5,
}
# Terms in months: (months, label, weight).
_DEPOSIT_TERMS = (
    (3, "三个月", 10),
    (6, "六个月", 10),
    (12, "一年期", 30),
    (24, "二年期", 12),
    (36, "三年期", 28),
    (60, "五年期", 10),
)
_INSTALLMENT_TERMS = ((12, "一年期", 50), (36, "三年期", 35), (60, "五年期", 15))
_CD_TERMS = ((3, "", 4), (6, "", 6), (12, "", 10), (24, "", 10), (36, "", 30))
_WEALTH_TERMS_DAYS = ((90, 20), (180, 30), (270, 10), (365, 25), (540, 8), (730, 7))
_WEALTH_SERIES = ("稳享理财", "安盈理财", "鑫享理财", "惠盈理财", "季季丰理财")
_FUND_NAMES = (
    "成长精选混合A",
    "沪深300指数增强A",
    "稳健双债债券C",
    "货币市场基金A",
    "科技创新混合A",
    "中证500指数A",
    "价值优选混合C",
    "纯债债券A",
    "医疗健康股票A",
    "消费升级混合A",
)
_INSURANCE = ("安享终身寿险", "金福年金保险（分红型）", "健康无忧重大疾病保险")
_ENDOWMENT, _ENDOWMENT_YEARS = "鑫盛两全保险", (10, 15, 20)
_CURRENT_NAMES = ("借记卡活期存款", "活期储蓄存款", "工资卡活期存款")
# name, term months (min, max), principal range in yuan
_LOANS = (
    ("个人住房贷款", (120, 360), (300_000, 3_000_000), 45),
    ("个人消费贷款", (12, 36), (10_000, 300_000), 30),
    ("个人经营贷款", (12, 60), (100_000, 2_000_000), 10),
    ("个人汽车贷款", (24, 60), (50_000, 400_000), 15),
)
_FX = {"CNY": 1.0, "USD": 7.1, "HKD": 0.91}
_FX_NAMES = {"USD": "美元", "HKD": "港币"}
_MIN_CENTS = {"large_cd": 20_000_000, "wealth": 1_000_000}  # ¥200,000 and ¥10,000

# How far ahead term maturities reach: three years and a few weeks, every week covered.
MATURITY_HORIZON_DAYS = 3 * 366 + 35
RECENT_PAST_DAYS = 60

# ---------------------------------------------------------------------------------------------
# Output flavours
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flavour:
    """How values are written: as a Chinese core system exports them, or with English codes."""

    chinese: bool
    sample: bool  # vary formats as hand-kept spreadsheets do

    @property
    def yes(self) -> str:
        return "是" if self.chinese else "Y"

    @property
    def no(self) -> str:
        return "否" if self.chinese else "N"

    def gender(self, male: bool) -> str:
        if self.chinese:
            return "男" if male else "女"
        return "M" if male else "F"

    def product(self, code: str) -> str:
        return PRODUCT_LABELS_ZH[code] if self.chinese else code

    def currency(self, code: str) -> str:
        if self.chinese:
            return {"CNY": "人民币", "USD": "美元", "HKD": "港币"}[code]
        return code

    def headers(self, kind: str) -> list[str]:
        names = fields.FIELDS_BY_KIND[kind]
        if not self.chinese:
            return list(names)
        aliases = fields.ALIASES_BY_KIND[kind]
        return [aliases[name][0] for name in names]


def _format_date(d: date, rng: random.Random, flavour: Flavour) -> str:
    if not flavour.sample:
        return d.isoformat()
    r = rng.random()
    if r < 0.55:
        return d.isoformat()
    if r < 0.75:
        return f"{d.year}/{d.month}/{d.day}"
    if r < 0.9:
        return f"{d.year}{d.month:02d}{d.day:02d}"
    return f"{d.year}年{d.month}月{d.day}日"


def _format_amount(cents: int, rng: random.Random, flavour: Flavour, yuan: bool = True) -> str:
    plain = f"{cents // 100}.{cents % 100:02d}"
    if not flavour.sample:
        return plain
    r = rng.random()
    if r < 0.15 and yuan:
        return f"¥{cents // 100:,}.{cents % 100:02d}"
    if r < 0.25:
        return f"{cents // 100:,}.{cents % 100:02d}"
    return plain


def _format_mobile(mobile: str, rng: random.Random, flavour: Flavour) -> str:
    if not flavour.sample or rng.random() >= 0.08:
        return mobile
    a, b, c = mobile[:3], mobile[3:7], mobile[7:]
    return _choice(rng, (f"{a} {b} {c}", f"{a}-{b}-{c}", f"+86 {mobile}", f"+86-{a}-{b}-{c}"))


# ---------------------------------------------------------------------------------------------
# Per-customer facts both the customer and the holdings files need
# ---------------------------------------------------------------------------------------------


def _mix64(x: int) -> int:
    """SplitMix64 finaliser: a cheap, well-spread hash of a 64-bit integer."""
    x = (x + 0x9E3779B97F4A7C15) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return x ^ (x >> 31)


def _seed_key(seed: int, stream: str) -> int:
    return _mix64(seed * 0x100000001B3 + sum(ord(c) << (8 * (i % 7)) for i, c in enumerate(stream)))


@dataclass(frozen=True)
class CustomerCore:
    """What is fixed for customer number `index`: birth, gender, ID region and sequence, AUM."""

    birth: date
    male: bool
    region: str
    sequence: int
    aum_cents: int
    tier: int

    @property
    def id18(self) -> str:
        return id_number_18(self.region, self.birth, self.sequence)


def id_number_18(region: str, birth: date, sequence: int) -> str:
    """An 18-digit resident ID: region, birth date, sequence (odd = male) and check digit."""
    first17 = f"{region}{birth.year}{birth.month:02d}{birth.day:02d}{sequence:03d}"
    return first17 + check_digit(first17)


def id_number_15(region: str, birth: date, sequence: int) -> str:
    """An old 15-digit ID (births 19YY): region, YYMMDD, sequence; no check digit."""
    return f"{region}{birth.year % 100:02d}{birth.month:02d}{birth.day:02d}{sequence:03d}"


class _Scramble:
    """A keyed pseudo-random permutation of range(size).

    Multiplying by an odd number and xor-shifting are both one-to-one on k-bit integers, so
    rounds of them permute range(2**k); values outside range(size) walk on until inside.
    """

    def __init__(self, size: int, seed: int, stream: str) -> None:
        self.size = size
        self._bits = max(size - 1, 1).bit_length()
        self._mask = (1 << self._bits) - 1
        self._shift = (self._bits + 1) // 2
        self._k1 = _seed_key(seed, stream) & self._mask
        self._k2 = _seed_key(seed, stream + "2") & self._mask

    def __call__(self, i: int) -> int:
        mask, shift, k1, k2, size = self._mask, self._shift, self._k1, self._k2, self.size
        x = i
        while True:
            x = ((x ^ k1) * 0x9E3779B97F4A7C15) & mask
            x ^= x >> shift
            x = ((x ^ k2) * 0xBF58476D1CE4E5B9) & mask
            x ^= x >> shift
            x = (x * 0x94D049BB133111EB) & mask
            x ^= x >> shift
            if x < size:
                return x


class CustomerSpace:
    """Assigns each customer index its own (birth date, region, sequence): IDs never repeat.

    A keyed permutation maps the index to a slot whose mixed-radix digits are the gender,
    sequence, region and birth date; popular birth years own several bands of sequences.
    """

    def __init__(self, seed: int) -> None:
        self._starts: list[int] = []
        self._years: list[int] = []
        self._year_ordinals: list[int] = []
        start = 0
        for year in range(FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR + 1):
            self._starts.append(start)
            self._years.append(year)
            self._year_ordinals.append(date(year, 1, 1).toordinal())
            start += _year_weight(year) * _days_in_year(year)
        self.size = start * len(ID_REGIONS) * _SEQ_PER_BAND * 2
        self._permute = _Scramble(self.size, seed, "customers")
        self._wealth_key = _seed_key(seed, "wealth")

    def core(self, index: int) -> CustomerCore:
        """The fixed facts of customer `index` (1-based)."""
        x = self._permute(index - 1)
        male = bool(x & 1)
        x, within_band = divmod(x >> 1, _SEQ_PER_BAND)
        slot, region = divmod(x, len(ID_REGIONS))
        k = bisect.bisect_right(self._starts, slot) - 1
        year = self._years[k]
        copy, day = divmod(slot - self._starts[k], _days_in_year(year))
        birth = date.fromordinal(self._year_ordinals[k] + day)
        sequence = 2 * (copy * _SEQ_PER_BAND + within_band) + (1 if male else 2)
        u = (_mix64(self._wealth_key ^ index) >> 11) * (1.0 / (1 << 53))
        # The young hold less, the retired more.
        if year >= 1995:
            u **= 1.25
        elif year < 1965:
            u **= 0.85
        aum_cents, tier = _aum_from_quantile(u)
        return CustomerCore(birth, male, ID_REGIONS[region], sequence, aum_cents, tier)


def _days_in_year(year: int) -> int:
    return 366 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 365


def _aum_from_quantile(u: float) -> tuple[int, int]:
    cumulative = 0.0
    for tier, (share, low, high) in enumerate(_TIERS):
        if u < cumulative + share or tier == len(_TIERS) - 1:
            v = min(max((u - cumulative) / share, 0.0), 0.999999)
            return int(low * (high / low) ** v * 100), tier
        cumulative += share
    raise AssertionError("unreachable")


def customer_id(index: int) -> str:
    """The customer number of customer `index` (1-based): text, leading zeros kept."""
    return f"{index:010d}"


def rm_code(index: int) -> str:
    """The code of relationship manager `index` (1-based)."""
    return f"RM{index:03d}"


def rm_branch(position: int) -> str:
    """The branch of the relationship manager at `position` (0-based) of the roster."""
    return BRANCHES[position % len(BRANCHES)][0]


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _add_months(d: date, months: int) -> date:
    """The same day `months` later (or earlier), the month's last day when it is shorter."""
    year, month0 = divmod(d.year * 12 + d.month - 1 + months, 12)
    last = _MONTH_DAYS[month0]
    if month0 == 1 and _days_in_year(year) == 366:
        last = 29
    return date(year, month0 + 1, d.day if d.day <= last else last)


def _choice(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


def _below(rng: random.Random, n: int) -> int:
    """A number in range(n); float-based, several times faster than randrange."""
    return int(rng.random() * n)


# ---------------------------------------------------------------------------------------------
# Names, contacts, addresses
# ---------------------------------------------------------------------------------------------


class _Picker:
    """Weighted choice by bisecting a cumulative table: much faster than random.choices."""

    def __init__(self, items: Sequence[object], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cumulative: list[float] = []
        total = 0.0
        for w in weights:
            total += w
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> object:
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


_SURNAME_PICKER = _Picker([(s, p) for s, p, _ in _SURNAMES], [int(w) for *_, w in _SURNAMES])
_MAIL_PICKER = _Picker([d for d, _ in _MAIL_DOMAINS], [w for _, w in _MAIL_DOMAINS])
_COMPOUND_RATE = 0.012
_MINORITY_RATE_XINJIANG = 0.25


def person_name(
    rng: random.Random, male: bool, birth_year: int, minority: bool = False
) -> tuple[str, str]:
    """A Chinese name, surname first, and its pinyin for e-mail addresses."""
    if minority:
        given, given_py = _choice(rng, _MINORITY_GIVEN[male])
        father, father_py = _choice(rng, _MINORITY_FATHER)
        return f"{given}·{father}", f"{given_py}.{father_py}"
    if rng.random() < _COMPOUND_RATE:
        surname, surname_py = _choice(rng, _COMPOUND_SURNAMES)
    else:
        surname, surname_py = _SURNAME_PICKER.pick(rng)  # type: ignore[misc]
    modern = birth_year >= 1975
    r = rng.random()
    if r < 0.3:
        given, given_py = _choice(rng, _GIVEN[(male, modern)])
    elif r < 0.65:
        given, given_py = _choice(rng, _GIVEN_PAIRS[(male, modern)])
    else:
        pool = _GIVEN[(male, modern)]
        (a, a_py), (b, b_py) = _choice(rng, pool), _choice(rng, pool)
        given, given_py = a + b, a_py + b_py
    return surname + given, f"{surname_py}.{given_py}"


def _mobile(rng: random.Random) -> str:
    # The operator's prefix is still drawn, so every other value stays what it was.
    _choice(rng, _MOBILE_PREFIXES)
    return FICTIONAL_MOBILE_SEGMENT + f"{_below(rng, 100_000_000):08d}"


def _email(rng: random.Random, pinyin: str, birth_year: int) -> str:
    domain = _MAIL_PICKER.pick(rng)
    if domain == _NUMBERED_MAIL_DOMAIN and rng.random() < 0.7:
        return f"{10_000 + _below(rng, 2_999_990_000)}@{domain}"
    surname, _, given = pinyin.partition(".")
    r = rng.random()
    if r < 0.3:
        local = f"{surname}{given}{birth_year % 100:02d}"
    elif r < 0.5:
        local = f"{surname}.{given}"
    elif r < 0.65:
        local = f"{given}{surname}{1 + _below(rng, 999)}"
    elif r < 0.8:
        local = f"{surname}_{given}{birth_year}"
    else:
        local = f"{given[:1]}{surname}{10 + _below(rng, 9_990)}"
    return f"{local}@{domain}"


def _address(rng: random.Random, district: District) -> str:
    if district.province == district.city or rng.random() < 0.3:
        place = district.city
    else:
        place = district.province + district.city
    street = _choice(rng, district.streets)
    number = 1 + _below(rng, 399)
    r = rng.random()
    floor, room = 1 + _below(rng, 32), 1 + _below(rng, 8)
    if r < 0.2:
        suffix = ""
    elif r < 0.6:
        suffix = f"{1 + _below(rng, 19)}号楼{1 + _below(rng, 6)}单元{floor}{room:02d}室"
    elif r < 0.85:
        suffix = f"{_choice(rng, _ESTATES)}{1 + _below(rng, 29)}栋{floor}{room:02d}室"
    else:
        suffix = f"{_choice(rng, _TOWERS)}大厦{floor}层"
    return f"{place}{district.name}{street}{number}号{suffix}"


# ---------------------------------------------------------------------------------------------
# Relationship managers
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rm:
    """A relationship manager (客户经理)."""

    code: str
    name: str
    phone: str
    email: str
    branch: str


def make_rms(k: int, seed: int = 1) -> list[Rm]:
    """The roster of `k` relationship managers; RM at position p works at `rm_branch(p)`."""
    rng = random.Random(f"bankcrm-rms-{seed}")
    used: set[str] = set()
    out = []
    for position in range(k):
        male = rng.random() < 0.45
        name, pinyin = person_name(rng, male, 1975 + _below(rng, 26))
        local = pinyin.replace(".", "")
        while local in used:
            local = f"{pinyin.replace('.', '')}{2 + _below(rng, 98)}"
        used.add(local)
        out.append(
            Rm(
                rm_code(position + 1),
                name,
                _mobile(rng),
                f"{local}@{RM_MAIL_DOMAIN}",
                rm_branch(position),
            )
        )
    return out


def rm_rows(rms: Iterable[Rm]) -> Iterator[list[str]]:
    for rm in rms:
        yield [rm.code, rm.name, rm.phone, rm.email, rm.branch]


# ---------------------------------------------------------------------------------------------
# Customers
# ---------------------------------------------------------------------------------------------

_CHANNELS = fields.CONSENT_CHANNELS
_OPT_OUT_PICKER = _Picker(range(len(_CHANNELS)), (2, 4, 5, 2, 1))  # SMS and phone annoy most


def customer_rows(
    n: int,
    seed: int = 1,
    rm_codes: Sequence[str] = ("RM001",),
    today: date | None = None,
    chinese_headers: bool = False,
    sample: bool = False,
    same_person_rate: float = 0.0,
) -> Iterator[list[str]]:
    """Rows of `n` customers in the order of `CUSTOMER_FIELDS`.

    `rm_codes[p]` is taken to work at `rm_branch(p)`, as `make_rms` assigns them.
    `sample` varies formats (dates, amounts, phones), adds a handful of 15-digit IDs and of
    29-February births; `same_person_rate` repeats a person under a second customer number.
    """
    today = today or date.today()
    _check_today(today)
    flavour = Flavour(chinese_headers, sample)
    rng = random.Random(f"bankcrm-customers-{seed}")
    space = CustomerSpace(seed)
    yes, no = flavour.yes, flavour.no
    city_districts: dict[str, list[District]] = {}
    for d in DISTRICTS:
        city_districts.setdefault(d.city, []).append(d)
    rm_weights = [0.6 + 0.8 * rng.random() for _ in rm_codes]  # some books are bigger
    rm_picker = _Picker(range(len(rm_codes)), rm_weights) if rm_codes else None
    recent: deque[list[str]] = deque(maxlen=200)
    for index in range(1, n + 1):
        core = space.core(index)
        birth, male = core.birth, core.male
        id_number = core.id18
        if sample and rng.random() < 0.012:
            # 29 February is rare (1 in 1461): show a few in a small bank.
            leap = birth.year - birth.year % 4
            leap = leap if leap >= FIRST_BIRTH_YEAR else leap + 4
            birth = date(leap, 2, 29)
            id_number = id_number_18(core.region, birth, core.sequence)
        if sample and birth.year <= OLD_ID_LAST_YEAR and rng.random() < 0.05:
            id_number = id_number_15(core.region, birth, core.sequence)
        elif sample and id_number.endswith("X") and rng.random() < 0.15:
            id_number = id_number[:-1] + "x"
        minority = core.region in _XINJIANG_REGIONS and rng.random() < _MINORITY_RATE_XINJIANG
        name, pinyin = person_name(rng, male, birth.year, minority)
        gender = "" if rng.random() < 0.08 else flavour.gender(male)
        birth_text = "" if rng.random() < 0.08 else _format_date(birth, rng, flavour)
        # Lunar birthdays are kept mostly by the older generations; about 5% overall.
        r = rng.random()
        lunar_rate = 0.14 if birth.year < 1960 else (0.06 if birth.year < 1980 else 0.025)
        lunar = yes if r < lunar_rate else ("" if r < lunar_rate + 0.2 else no)
        if same_person_rate and recent and rng.random() < same_person_rate:
            # The same person under another customer number (another branch, another export).
            name, id_number, gender, birth_text, lunar = _choice(rng, recent)
        else:
            recent.append([name, id_number, gender, birth_text, lunar])
        phone = "" if rng.random() < 0.01 else _format_mobile(_mobile(rng), rng, flavour)
        email_rate = 0.75 if birth.year >= 1975 else 0.45
        email = _email(rng, pinyin, birth.year) if rng.random() < email_rate else ""
        if rm_picker is not None:
            position = rm_picker.pick(rng)
            code, branch = rm_codes[position], rm_branch(position)  # type: ignore[index]
            home_city = BRANCHES[position % len(BRANCHES)][1]  # type: ignore[operator]
        else:
            code, branch, home_city = "", "", DISTRICTS[0].city
        if rng.random() < 0.9:  # most live in the city of their branch
            district = _choice(rng, city_districts[home_city])
        else:
            district = _choice(rng, DISTRICTS)
        fax_rate = 0.03 if core.tier < 2 else 0.12
        fax = ""
        if rng.random() < fax_rate:
            _below(rng, 4)  # the first digit once drawn here: drawn still, so nothing else moves
            local = f"{FICTIONAL_LOCAL_FIRST_DIGIT}{_below(rng, 10_000_000):07d}"
            fax = f"{district.area_code}-{local}"
        consents = ["", "", "", "", ""]
        r = rng.random()
        if r < 0.10:
            for _ in range(1 + int(rng.random() * 2.2)):
                consents[_OPT_OUT_PICKER.pick(rng)] = no  # type: ignore[index]
            if "" in consents and rng.random() < 0.3:
                consents[consents.index("")] = yes
        elif r < 0.25:
            for c in range(len(_CHANNELS)):
                if rng.random() < 0.5:
                    consents[c] = yes
        yield [
            customer_id(index),
            name,
            id_number,
            gender,
            birth_text,
            lunar,
            phone,
            email,
            fax,
            _address(rng, district),
            district.postal_code,
            branch,
            code,
            _format_amount(core.aum_cents, rng, flavour),
            *consents,
        ]


# ---------------------------------------------------------------------------------------------
# Holdings
# ---------------------------------------------------------------------------------------------

_LUHN_PAIR = tuple(v // 10 + (2 * (v % 10) if v % 10 < 5 else 2 * (v % 10) - 9) for v in range(100))
_ACCOUNT_PREFIXES = ("6222", "6217")


class AccountNumbers:
    """19-digit card-like account numbers (6222…/6217…), unique per index, Luhn-checked."""

    def __init__(self, seed: int = 1) -> None:
        self._permute = _Scramble(1 << 46, seed, "accounts")  # 46 bits fit in 14 digits
        self._prefix_sums = {p: _luhn_pairs(int(p), 2) for p in _ACCOUNT_PREFIXES}

    def __call__(self, index: int, prefix: str = "6222") -> str:
        body = self._permute(index)
        total = self._prefix_sums[prefix] + _luhn_pairs(body, 7)
        return f"{prefix}{body:014d}{-total % 10}"


def _luhn_pairs(number: int, pairs: int) -> int:
    """Luhn sum of the rightmost `pairs` digit pairs, the last digit of each pair doubled."""
    total = 0
    for _ in range(pairs):
        number, pair = divmod(number, 100)
        total += _LUHN_PAIR[pair]
    return total


class _Terms:
    """One product's terms, shortest first, and the latest maturity each allows today."""

    def __init__(
        self, terms: Sequence[tuple[int, str, int]], latest_open: date, in_days: bool
    ) -> None:
        self.terms = sorted(terms)
        self.in_days = in_days
        self.limits = [
            latest_open + timedelta(days=t) if in_days else _add_months(latest_open, t)
            for t, _, _ in self.terms
        ]
        self.cumulative = list(itertools.accumulate(w for _, _, w in self.terms))

    def pick(self, rng: random.Random, maturity: date) -> tuple[int, str] | None:
        """A term that matures on `maturity` from an open date before today, or None."""
        first = bisect.bisect_left(self.limits, maturity)
        if first == len(self.terms):
            return None
        low = self.cumulative[first - 1] if first else 0
        u = low + rng.random() * (self.cumulative[-1] - low)
        k = min(max(bisect.bisect_right(self.cumulative, u), first), len(self.terms) - 1)
        length, label, _ = self.terms[k]
        return length, label

    def open_date(self, maturity: date, length: int) -> date:
        if self.in_days:
            return maturity - timedelta(days=length)
        return _add_months(maturity, -length)


class _HoldingMaker:
    """Builds the holdings of one customer after another, sharing the file's random stream."""

    def __init__(self, rng: random.Random, today: date, flavour: Flavour) -> None:
        self.rng = rng
        self.today = today
        self.flavour = flavour
        self.latest_open = today - timedelta(days=1)
        self.loan_age_limit = _add_months(today, -23 * 12)
        self.terms = {
            "time_deposit": _Terms(_DEPOSIT_TERMS, self.latest_open, in_days=False),
            "installment_savings": _Terms(_INSTALLMENT_TERMS, self.latest_open, in_days=False),
            "large_cd": _Terms(_CD_TERMS, self.latest_open, in_days=False),
            "wealth": _Terms(
                [(d, f"{d}天", w) for d, w in _WEALTH_TERMS_DAYS], self.latest_open, in_days=True
            ),
        }
        self.earliest = {
            "current": _add_months(today, -25 * 12),
            "fund": _add_months(today, -8 * 12),
            "insurance": _add_months(today, -12 * 12),
        }
        # A sample bank is small: fewer first current accounts leave more maturities to show.
        self.first_current = 0.5 if flavour.sample else 0.65
        self.future_terms = 0
        self.phase = rng.random()

    def holdings(self, core: CustomerCore, count: int) -> list[list[str]]:
        rng = self.rng
        picker = _PRODUCT_PICKERS[core.tier]
        kinds = []
        for position in range(count):
            if position == 0 and rng.random() < self.first_current:
                kinds.append("current")
                continue
            kind = picker.pick(rng)
            if kind == "loan" and core.birth > self.loan_age_limit:
                kind = "fund"
            kinds.append(kind)
        budget = core.aum_cents * (0.9 + 0.2 * rng.random())
        shares = [
            0.0 if k == "loan" else _ASSET_SHARE[k] * (0.2 + rng.expovariate(1.0)) for k in kinds
        ]
        scale = budget / (sum(shares) or 1.0)
        rows = []
        for kind, share in zip(kinds, shares, strict=True):
            cents = int(share * scale)
            if cents < _MIN_CENTS.get(kind, 0):  # below the product's minimum: a deposit
                kind = "time_deposit"
            if kind in TERM_PRODUCTS:
                rows.append(self._term(kind, cents))
            elif kind == "loan":
                rows.append(self._loan(core))
            else:
                rows.append(self._other(kind, cents, core))
        return rows

    def _maturity(self) -> date:
        rng = self.rng
        if rng.random() < 0.06:
            return self.today - timedelta(days=1 + _below(rng, RECENT_PAST_DAYS))
        # A golden-ratio sequence leaves no week of the horizon empty, whatever the count.
        self.future_terms += 1
        fraction = (self.phase + self.future_terms * _PHI_FRACTION) % 1.0
        return self.today + timedelta(days=int(fraction * MATURITY_HORIZON_DAYS))

    def _term(self, kind: str, cents: int) -> list[str]:
        rng, flavour = self.rng, self.flavour
        maturity = self._maturity()
        table = self.terms[kind]
        term = table.pick(rng, maturity)
        if term is None:  # only deposits run long enough for the far end of the horizon
            kind, table = "time_deposit", self.terms["time_deposit"]
            term = table.pick(rng, maturity)
            assert term is not None
        length, label = term
        open_date = table.open_date(maturity, length)
        if not table.in_days:
            maturity = _add_months(open_date, length)  # the bank counts from the open date
        currency = "CNY"
        if kind == "time_deposit":
            r = rng.random()
            if r < 0.05:
                currency = "USD" if r < 0.04 else "HKD"
                name = f"{_FX_NAMES[currency]}{label}定期存款"
            else:
                name = f"{label}整存整取"
            cents = max(
                5_000, _round_cents(cents / _FX[currency], 10_000 if cents >= 100_000 else 100)
            )
            rollover = flavour.yes if rng.random() < 0.65 else flavour.no
        elif kind == "installment_savings":
            name = f"零存整取{label}"
            cents = max(5_000, _round_cents(cents, 100))
            rollover = flavour.no
        elif kind == "large_cd":
            period = (open_date.timetuple().tm_yday - 1) // 14 + 1
            name = f"{open_date.year}年第{period}期大额存单"
            cents = max(20_000_000, _round_cents(cents, 1_000_000))
            rollover = flavour.yes if rng.random() < 0.1 else flavour.no
        else:
            name = f"{_choice(rng, _WEALTH_SERIES)}{label}"
            cents = max(1_000_000, _round_cents(cents, 100_000))
            rollover = flavour.yes if rng.random() < 0.15 else flavour.no
        return self._row(kind, name, cents, currency, open_date, maturity, rollover)

    def _other(self, kind: str, cents: int, core: CustomerCore) -> list[str]:
        rng = self.rng
        adult = min(_add_months(core.birth, 18 * 12), self.latest_open)
        first_open = max(adult, self.earliest[kind])
        open_date = first_open + timedelta(
            days=_below(rng, (self.latest_open - first_open).days + 1)
        )
        maturity = None
        currency = "CNY"
        if kind == "current":
            r = rng.random()
            if r < 0.04:
                currency = "USD" if r < 0.03 else "HKD"
                name = f"{_FX_NAMES[currency]}活期储蓄"
                cents = int(cents / _FX[currency])
            else:
                name = _choice(rng, _CURRENT_NAMES)
        elif kind == "fund":
            name = _choice(rng, _FUND_NAMES)
            cents = max(10_000, cents)
        else:
            cents = max(100_000, cents)
            if rng.random() < 0.35:
                name, years = _ENDOWMENT, _choice(rng, _ENDOWMENT_YEARS)
                maturity = _add_months(open_date, years * 12)
                if maturity <= self.today:  # a matured policy is no longer held
                    open_date = self.latest_open - timedelta(days=_below(rng, 365))
                    maturity = _add_months(open_date, years * 12)
            else:
                name = _choice(rng, _INSURANCE)
        return self._row(kind, name, cents, currency, open_date, maturity, "")

    def _loan(self, core: CustomerCore) -> list[str]:
        """A balance owed, repaid by its maturity."""
        rng = self.rng
        name, (short, long), (low, high), _ = _LOAN_PICKER.pick(rng)  # type: ignore[misc]
        months = short + _below(rng, long - short + 1)
        if long >= 120:
            months -= months % 12
        principal = low * (high / low) ** (rng.random() * (0.4 + 0.15 * core.tier))
        adult = _add_months(core.birth, 18 * 12)
        elapsed_max = max(1, min(months - 1, (self.latest_open - adult).days // 31))
        elapsed = 1 + _below(rng, elapsed_max)
        open_date = _add_months(self.latest_open, -elapsed)
        maturity = _add_months(open_date, months)
        cents = int(principal * 100 * (1 - elapsed / months * 0.9))
        return self._row("loan", name, cents, "CNY", open_date, maturity, "")

    def _row(
        self,
        kind: str,
        name: str,
        cents: int,
        currency: str,
        open_date: date,
        maturity: date | None,
        rollover: str,
    ) -> list[str]:
        rng, flavour = self.rng, self.flavour
        if flavour.sample and currency == "CNY" and rng.random() < 0.03:
            currency_text = ""  # a domestic export leaves 人民币 blank
        else:
            currency_text = flavour.currency(currency)
        return [
            flavour.product(kind),
            name,
            _format_amount(cents, rng, flavour, yuan=currency == "CNY"),
            currency_text,
            _format_date(open_date, rng, flavour),
            _format_date(maturity, rng, flavour) if maturity else "",
            rollover,
        ]


def _round_cents(cents: float, step: int) -> int:
    return int(cents / step + 0.5) * step


_PRODUCT_PICKERS = tuple(
    _Picker(list(_PRODUCT_WEIGHTS), [weights[tier] for weights in _PRODUCT_WEIGHTS.values()])
    for tier in range(len(_TIERS))
)
_LOAN_PICKER = _Picker(_LOANS, [loan[3] for loan in _LOANS])


def holding_rows(
    m: int,
    n_customers: int,
    seed: int = 1,
    today: date | None = None,
    chinese_headers: bool = False,
    sample: bool = False,
) -> Iterator[list[str]]:
    """Rows of exactly `m` holdings over customers 1..`n_customers`, in `HOLDING_FIELDS` order.

    Richer customers hold more products and amounts add up to about their AUM. Term products'
    maturities fall on every week of the next three years from `today`, some in the recent past.
    """
    today = today or date.today()
    _check_today(today)
    if m and n_customers < 1:
        raise ValueError("holdings need at least one customer")
    flavour = Flavour(chinese_headers, sample)
    rng = random.Random(f"bankcrm-holdings-{seed}")
    space = CustomerSpace(seed)
    accounts = AccountNumbers(seed)
    maker = _HoldingMaker(rng, today, flavour)
    mean_weight = sum(
        share * w for (share, *_), w in zip(_TIERS, _TIER_HOLDING_WEIGHT, strict=True)
    )
    # Everyone has one holding when there are enough; the rest go mostly to the rich.
    base = 1 if m >= n_customers else 0
    pool = m - base * n_customers
    account = 0
    for index in range(1, n_customers + 1):
        core = space.core(index)
        left = n_customers - index + 1
        if left == 1:
            extra = pool
        else:
            expected = pool / left * _TIER_HOLDING_WEIGHT[core.tier] / mean_weight
            extra = min(pool, int(expected * (0.3 + 1.4 * rng.random()) + rng.random()))
        pool -= extra
        if not base + extra:
            continue
        cid = customer_id(index)
        for row in maker.holdings(core, base + extra):
            account += 1
            prefix = "6222" if rng.random() < 0.6 else "6217"
            yield [accounts(account, prefix), cid, *row]


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------


def _check_today(today: date) -> None:
    if today <= date(LAST_BIRTH_YEAR, 12, 31):
        raise ValueError(f"today must be after {LAST_BIRTH_YEAR}-12-31, the youngest birth date")


def _write(path: Path | str, kind: str, rows: Iterable[list[str]], chinese_headers: bool) -> int:
    flavour = Flavour(chinese_headers, sample=False)
    count = 0

    def counted() -> Iterator[list[str]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    # As Excel and Chinese core systems export: a BOM and CRLF; plain UTF-8 and LF otherwise.
    encoding, newline = ("utf-8-sig", "\r\n") if chinese_headers else ("utf-8", "\n")
    with open(path, "w", encoding=encoding, newline="", buffering=1 << 20) as f:
        writer = csv.writer(f, lineterminator=newline)
        writer.writerow(flavour.headers(kind))
        writer.writerows(counted())
    return count


def write_rms(path: Path | str, k: int, seed: int = 1, chinese_headers: bool = False) -> list[str]:
    """Write `k` relationship managers; returns their codes, in roster order."""
    rms = make_rms(k, seed)
    _write(path, "rms", rm_rows(rms), chinese_headers)
    return [rm.code for rm in rms]


def write_customers(
    path: Path | str,
    n: int,
    seed: int = 1,
    rm_codes: Sequence[str] = ("RM001",),
    today: date | None = None,
    chinese_headers: bool = False,
    sample: bool = False,
    same_person_rate: float = 0.0,
) -> int:
    """Write `n` customers (see `customer_rows`); returns the number of rows."""
    rows = customer_rows(n, seed, rm_codes, today, chinese_headers, sample, same_person_rate)
    return _write(path, "customers", rows, chinese_headers)


def write_holdings(
    path: Path | str,
    m: int,
    n_customers: int,
    seed: int = 1,
    today: date | None = None,
    chinese_headers: bool = False,
    sample: bool = False,
) -> int:
    """Write exactly `m` holdings of customers 1..`n_customers`; returns the number of rows."""
    rows = holding_rows(m, n_customers, seed, today, chinese_headers, sample)
    return _write(path, "holdings", rows, chinese_headers)


@dataclass(frozen=True)
class Generated:
    """What `generate_bank` wrote."""

    customers: int
    holdings: int
    rms: int
    seconds: float


def generate_bank(
    out: Path | str,
    customers: int,
    holdings: int,
    rms: int,
    seed: int = 1,
    today: date | None = None,
    chinese_headers: bool = False,
    sample: bool = False,
    same_person_rate: float = 0.0,
    parallel: bool = True,
) -> Generated:
    """Write out/rms.csv, out/customers.csv and out/holdings.csv.

    The two big files do not depend on each other: with `parallel`, holdings are written by a
    second process while this one writes customers (same output, about half the time).
    """
    started = time.perf_counter()
    today = today or date.today()
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    codes = write_rms(folder / "rms.csv", rms, seed, chinese_headers)
    customer_args = (
        folder / "customers.csv",
        customers,
        seed,
        codes,
        today,
        chinese_headers,
        sample,
        same_person_rate,
    )
    holding_args = (
        folder / "holdings.csv",
        holdings,
        customers,
        seed,
        today,
        chinese_headers,
        sample,
    )
    if parallel and holdings >= 50_000 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            pending = pool.submit(write_holdings, *holding_args)
            n = write_customers(*customer_args)
            m = pending.result()
    else:
        n = write_customers(*customer_args)
        m = write_holdings(*holding_args)
    return Generated(n, m, len(codes), time.perf_counter() - started)


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Generate a synthetic bank: customers.csv, holdings.csv and rms.csv.",
    )
    parser.add_argument("--customers", type=int, required=True, metavar="N")
    parser.add_argument("--holdings", type=int, required=True, metavar="M")
    parser.add_argument(
        "--rms", type=int, default=6, metavar="K", help="relationship managers (default 6)"
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="default 1")
    parser.add_argument(
        "--chinese-headers",
        action="store_true",
        help="Chinese headers and values (是/否, 男/女, 定期存款), UTF-8 with BOM, as Excel saves",
    )
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="open dates before it, maturities in the 3 years after it (default: today)",
    )
    parser.add_argument(
        "--sample",
        action="store_true",
        help="vary formats as hand-kept exports do (dates, ¥ amounts, phones, blank currency), "
        "add a few 15-digit IDs and 29-February births",
    )
    parser.add_argument(
        "--serial",
        action="store_true",
        help="write holdings after customers in one process (default: both at once)",
    )
    parser.add_argument(
        "--same-person-rate",
        type=float,
        default=0.0,
        metavar="P",
        help="share of customers who repeat an earlier person under a new customer number",
    )
    args = parser.parse_args(argv)
    if min(args.customers, args.holdings, args.rms) < 0:
        parser.error("counts must not be negative")
    if args.holdings and not args.customers:
        parser.error("holdings need at least one customer")
    if args.customers and not args.rms:
        parser.error("customers need at least one relationship manager (--rms)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    try:
        result = generate_bank(
            args.out,
            args.customers,
            args.holdings,
            args.rms,
            args.seed,
            args.today,
            args.chinese_headers,
            args.sample,
            args.same_person_rate,
            parallel=not args.serial,
        )
    except (OSError, ValueError) as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 1
    print(
        f"wrote {result.customers:,} customers, {result.holdings:,} holdings, {result.rms:,} RMs "
        f"to {args.out} in {result.seconds:.1f}s (seed {args.seed})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
