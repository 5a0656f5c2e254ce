#!/usr/bin/env python3
"""Write kg/lexicons/titles.txt and honorifics.txt.

Hand-curated general knowledge: the position and title words of Chinese news
(government, party, legislature, judiciary, enterprise, academia, media, grass
roots), expanded by a few regular patterns (级别前缀 + 职务: 市委 + 书记, 副 + 市长 ...).
"""
from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "lexicons"

# Heads of government units; each also gets 副/常务副 forms.
HEADS = """
省长 市长 区长 县长 旗长 州长 盟长 乡长 镇长 村长 苏木达 嘎查达 主席 书记 局长 处长 科长 厅长 部长 司长
股长 署长 主任 院长 校长 所长 站长 队长 支队长 大队长 中队长 总队长 检察长 庭长 审判长 监狱长 总理
行长 社长 会长 理事长 秘书长 董事长 总经理 经理 厂长 馆长 团长 台长 总编辑 主编 总监 组长 班长 园长
关长 局长 巡视员 调研员 总工程师 总会计师 总经济师 总裁 执行总裁 总编 盟委书记 舰长 旅长 师长 军长 营长 连长
排长 政委 参谋长 司令员 司令 院士 首席执行官 首席科学家 首席专家 董事 监事 监事长 督察长 指挥长
总指挥 队长 教导员 指导员 主任委员 常务理事 理事 委员长 议长 总干事 干事长 总书记 会计 统计员
""".split()
DEPUTY_OK = set(HEADS) - {
    "总理", "院士", "董事", "理事", "常务理事", "会计", "统计员", "巡视员", "调研员", "首席执行官",
    "首席科学家", "首席专家", "总书记", "苏木达", "嘎查达", "盟委书记", "执行总裁",
}

# Party committee prefixes combined with 书记/副书记/常委.
PARTY_PREFIX = """
省委 市委 区委 县委 旗委 州委 盟委 镇党委 乡党委 街道党工委 党工委 党委 党组 党总支 党支部 纪委 工委
村党支部 村党委 社区党委 社区党支部 机关党委 校党委 院党委 集团党委 公司党委 市纪委 县纪委 区纪委 省纪委
""".split()
PARTY_ROLE = ["书记", "副书记", "常委", "委员"]

OTHER = """
常务副省长 常务副市长 常务副区长 常务副县长 常务副旗长 常务副州长 常务副主任 常务副主席 常务副会长 常务副校长
常务副院长 常务副总经理 常务副部长 常务副局长 第一书记 驻村第一书记 党组书记 党组副书记 党组成员 党委书记
党委副书记 党委委员 党委常委 纪委书记 纪委副书记 监委主任 纪委书记监委主任 纪检组长 纪检监察组长 组织部长 宣传部长
统战部长 政法委书记 市委常委 县委常委 区委常委 常委 委员 代表 人大代表 全国人大代表 政协委员 全国政协委员
人大常委会主任 人大常委会副主任 政协主席 政协副主席 党委政法委书记 国务委员 国务院总理 国务院副总理 副总理
国家主席 国家副主席 大使 特命全权大使 公使 参赞 领事 总领事 副总领事 总统 副总统 首相 副首相 议长 副议长
外长 外交部长 国防部长 财政部长 外交官 发言人 新闻发言人 秘书 机要秘书 办公室主任 主任科员 副主任科员 科员
一级巡视员 二级巡视员 一级调研员 二级调研员 三级调研员 四级调研员 一级主任科员 二级主任科员 公务员
处级干部 科级干部 干部 领导 负责人 主要负责人 相关负责人 分管负责人 项目负责人 党员 老党员 共产党员 团员
地委书记 专员 副专员 州委书记 盟委书记 苏木达 嘎查达 嘎查党支部书记 村支书 村主任 村委会主任 村干部 村医 村民
居民 社区书记 社区主任 网格员 楼长 志愿者 义工 民警 辅警 交警 特警 刑警 武警 警官 警察 警员 所长 教导员
消防员 消防指战员 指战员 战士 官兵 军人 退役军人 老兵 士兵 飞行员 宇航员 航天员 检察官 法官 书记员 陪审员
人民陪审员 律师 公证员 仲裁员 调解员 审计员 税务员 监督员 巡查员 护林员 管护员 讲解员 安全员 质检员 检验员
技术员 工程师 高级工程师 助理工程师 设计师 建筑师 规划师 会计师 注册会计师 经济师 分析师 架构师 程序员 研发人员
董事长 副董事长 执行董事 独立董事 董事会秘书 董秘 总经理 副总经理 总裁 副总裁 首席执行官 CEO CFO CTO COO
创始人 联合创始人 合伙人 股东 法人 法定代表人 实际控制人 掌门人 老板 店长 店主 摊主 业主 厂长 车间主任
主管 经理 客户经理 产品经理 项目经理 区域经理 销售经理 部门经理 总监 销售总监 财务总监 技术总监 员工 职工
工人 农民 农民工 牧民 渔民 个体户 企业家 商人 工会主席 会长 副会长 理事长 副理事长 执行会长 名誉会长 秘书长
副秘书长 教授 副教授 讲师 助教 研究员 副研究员 助理研究员 院士 中国科学院院士 中国工程院院士 博士 博士生
博士后 硕士 硕士生 研究生 本科生 大学生 学生 学者 专家 科学家 博导 硕导 导师 首席科学家 学科带头人
校长 副校长 院长 副院长 系主任 教研室主任 班主任 教师 老师 幼儿教师 特级教师 辅导员 教练 主教练 助理教练
教练员 运动员 裁判 裁判员 球员 队员 选手 冠军 医生 医师 主任医师 副主任医师 主治医师 住院医师 护士 护士长
药师 药剂师 乡村医生 家庭医生 院长 科主任 记者 实习记者 特约记者 首席记者 摄影记者 见习记者 通讯员 特约通讯员
编辑 责任编辑 总编辑 副总编辑 主编 副主编 主持人 播音员 评论员 撰稿人 作家 诗人 画家 书法家 艺术家 演员 导演
歌手 音乐家 作曲家 舞蹈家 摄影师 演奏家 非遗传承人 传承人 工匠 大国工匠 劳动模范 劳模 先进个人 代表 委员
党代表 人大代表 政协委员 总队长 支队长 大队长 中队长 参谋长 政委 政治委员 司令员 副司令员 主席 副主席 议员
市长 省长 州长 镇长 乡长 县长 区长 旗长 主任 副主任 委员 村委委员 组长 副组长 小组长 带头人 致富带头人
驻村干部 驻村工作队队长 扶贫干部 大学生村官 联络员 专干 社工 社会工作者 讲师团成员 宣讲员 调查员 普查员
检疫员 防疫员 兽医 农技员 农艺师 畜牧师 导游 向导 司机 驾驶员 快递员 外卖员 骑手 保安 保洁员 环卫工人
清洁工 厨师 服务员 售货员 营业员 收银员 电工 焊工 钳工 技师 高级技师 首席技师 匠人 船长 机长 乘务员 列车长
站长 值班员 调度员 铁路职工 大使 参赞 领事 馆长 研究馆员 副研究馆员 馆员 高级记者 主任记者 高级编辑 主任编辑
部长 副部长 局长 副局长 处长 副处长 科长 副科长 厅长 副厅长 司长 副司长 股长 所长 站长 队长 政治部主任
""".split()

HONORIFICS = """
先生 女士 同志 小姐 夫人 太太 老先生 老同志 老人 老师傅 师傅 阿姨 大妈 大爷 大姐 大哥 大叔 大娘 老汉 奶奶
爷爷 姥姥 姥爷 婆婆 阿婆 阿公 老伯 伯伯 叔叔 小哥 小妹 妹妹 姐姐 哥哥 弟弟 老弟 老哥 老兄
君 氏 老 翁 嫂 姐 哥 叔 伯 姨 婶 公 总 工 阁下 殿下 陛下 前辈 老总 老板娘 掌柜
""".split()


def main() -> None:
    titles: set[str] = set(HEADS) | set(OTHER)
    for head in DEPUTY_OK:
        titles.add("副" + head)
    for prefix in PARTY_PREFIX:
        for role in PARTY_ROLE:
            titles.add(prefix + role)
    titles = {t for t in titles if t}
    honorifics = set(HONORIFICS)
    with (OUT / "titles.txt").open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Position and title words found next to person names in Chinese news; general knowledge, "
                "hand-curated and expanded by pattern in scripts/build_titles.py\n")
        for t in sorted(titles):
            f.write(t + "\n")
    with (OUT / "honorifics.txt").open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Honorifics and kinship address terms after a surname or name (先生, 女士, 同志; "
                "one-char ones like 总/工/老 as in 王总, 李工, 张老); general knowledge, "
                "written by scripts/build_titles.py\n")
        for t in sorted(honorifics):
            f.write(t + "\n")
    print(len(titles), len(honorifics))


if __name__ == "__main__":
    main()
