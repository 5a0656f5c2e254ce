#!/usr/bin/env python3
"""Write kg/lexicons/surnames.txt and compound_surnames.txt.

Source: the classical 百家姓 (public domain, simplified characters), plus common
modern surnames missing from it (付, 肖, 覃, 冼 ...), plus traditional variants
(衞, 蕭, 鍾 ...) that still show up in names, plus well-known compound surnames.
"""
from __future__ import annotations

from wordlist import write_words


# 百家姓, four names a group; compound surnames are two characters.
BAIJIAXING = """
赵钱孙李 周吴郑王 冯陈褚卫 蒋沈韩杨 朱秦尤许 何吕施张 孔曹严华 金魏陶姜 戚谢邹喻 柏水窦章
云苏潘葛 奚范彭郎 鲁韦昌马 苗凤花方 俞任袁柳 酆鲍史唐 费廉岑薛 雷贺倪汤 滕殷罗毕 郝邬安常
乐于时傅 皮卞齐康 伍余元卜 顾孟平黄 和穆萧尹 姚邵湛汪 祁毛禹狄 米贝明臧 计伏成戴 谈宋茅庞
熊纪舒屈 项祝董梁 杜阮蓝闵 席季麻强 贾路娄危 江童颜郭 梅盛林刁 钟徐邱骆 高夏蔡田 樊胡凌霍
虞万支柯 昝管卢莫 经房裘缪 干解应宗 丁宣贲邓 郁单杭洪 包诸左石 崔吉钮龚 程嵇邢滑 裴陆荣翁
荀羊於惠 甄曲家封 芮羿储靳 汲邴糜松 井段富巫 乌焦巴弓 牧隗山谷 车侯宓蓬 全郗班仰 秋仲伊宫
宁仇栾暴 甘钭厉戎 祖武符刘 景詹束龙 叶幸司韶 郜黎蓟薄 印宿白怀 蒲邰从鄂 索咸籍赖 卓蔺屠蒙
池乔阴郁 胥能苍双 闻莘党翟 谭贡劳逄 姬申扶堵 冉宰郦雍 却璩桑桂 濮牛寿通 边扈燕冀 郏浦尚农
温别庄晏 柴瞿阎充 慕连茹习 宦艾鱼容 向古易慎 戈廖庾终 暨居衡步 都耿满弘 匡国文寇 广禄阙东
欧殳沃利 蔚越夔隆 师巩厍聂 晁勾敖融 冷訾辛阚 那简饶空 曾毋沙乜 养鞠须丰 巢关蒯相 查后荆红
游竺权逯 盖益桓公
"""
BAIJIAXING_COMPOUND = """
万俟 司马 上官 欧阳 夏侯 诸葛 闻人 东方 赫连 皇甫 尉迟 公羊 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠
公孙 仲孙 轩辕 令狐 钟离 宇文 长孙 慕容 鲜于 闾丘 司徒 司空 亓官 司寇 子车 颛孙 端木 巫马 公西 漆雕
乐正 壤驷 公良 拓跋 夹谷 宰父 谷梁 段干 百里 东郭 南门 呼延 归海 羊舌 微生 梁丘 左丘 东门 西门 伯赏
南宫 第五
"""
# Singles from the closing lines of 百家姓 (仉督 晋楚闫法 汝鄢涂钦 岳帅缑亢 况郈有琴 商牟佘佴 墨哈谯笪 年爱阳佟 言福).
BAIJIAXING_TAIL = "仉督晋楚闫法汝鄢涂钦岳帅缑亢况郈有琴商牟佘佴墨哈谯笪年爱阳佟言福"

# Common modern surnames absent from 百家姓 or spelled differently today.
MODERN = (
    "付肖覃冼仝邝练揭谌粟苟麦敬区邸綦展代来战信兰门么母银由原迟亓库呼雒苑官初修衣栗隋扬若"
    "剧种者芦庹睢禚铁折撖贠员智操檀郄续线逢过达琚植蹇旷税巨拜保豆底运校矫丛才伞依要户朗丘眭"
    "寸化尕闪冶郎蹇蓝覃韦黎禤赫佴但粘兑汝揣凃殳淡盘钦桑贡"
    "海宝光鹿禄邓奉麴英贵桂吾郇卿招邹荣冒楼乜佐牛满幺仵郦鄞滑伏屠蓬朴金崔尚"
)
# Traditional forms that appear in names written in traditional characters.
TRADITIONAL = "衞蕭鍾張陳劉楊黃趙吳鄭馮蔣沈韓許呂葉蘇潘範彭魯薛湯賀羅畢鄒龔嚴華謝馮鄧閻譚龍顏蔡鍾"

EXTRA_COMPOUND = (
    "独孤 东野 即墨 公叔 公仪 公输 南郭 完颜 纳兰 哥舒 贺兰 尔朱 屈突 斛律 叱干 宇文 司城 左人 "
    "西陵 乌孙 张简 张廖 范姜 钮祜禄 爱新觉罗 叶赫那拉 上官 诸葛 公上 公山 公门 公坚 东宫"
)


def main() -> None:
    singles: set[str] = set()
    for group in BAIJIAXING.split():
        singles.update(group)
    singles.update(BAIJIAXING_TAIL)
    singles.update(MODERN)
    singles.update(TRADITIONAL)
    compounds = set(BAIJIAXING_COMPOUND.split()) | set(EXTRA_COMPOUND.split())
    assert all(len(c) == 1 for c in singles)
    write_words("surnames.txt", "Chinese single-character surnames: 百家姓 (public domain) plus common modern ones "
                "and traditional variants; written by scripts/build_surnames.py", singles)
    write_words("compound_surnames.txt", "Chinese compound surnames: those of 百家姓 (public domain) plus other "
                "well-known ones (独孤, 完颜, 纳兰 ...); written by scripts/build_surnames.py", compounds)
    print(len(singles), len(compounds))


if __name__ == "__main__":
    main()
