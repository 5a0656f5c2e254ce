"""Each extraction rule on sentences written for the test, with near-miss negatives.

The rules are tested on their own, the statistical tagger switched off: what the tagger adds
and how the two are merged is tested in test_tagger.py and test_merge.py, and scored on
development splits (kg eval-spans).
"""
import pytest

import kg.extract
from extraction import found, roles, run  # noqa: F401


@pytest.fixture(autouse=True)
def rules_alone(monkeypatch):
    monkeypatch.setattr(kg.extract, "get_tagger", lambda: None)


@pytest.mark.parametrize("text, name", [
    ("副省长王建国出席开幕式并讲话。", "王建国"),
    ("区委书记欧阳明辉主持会议。", "欧阳明辉"),
    ("本报讯(记者 陈晓明)昨日，新区召开大会。", "陈晓明"),
    ("会后，李文华说，明年还会再来。", "李文华"),
])
def test_people_by_context(text, name):
    assert name in found(text).get("person", set())


@pytest.mark.parametrize("text, word", [
    ("社区加强养老服务，推动高端化发展。", "养老"),
    ("我们要发展智慧城市和青少年教育。", "智慧"),
])
def test_common_words_are_not_people(text, word):
    assert not any(word in name for name in found(text).get("person", set()))


def test_titles_are_roles_of_the_person_after_them():
    pairs = roles("市卫生健康委员会党组书记、主任赵立新调研医院。")
    assert ("赵立新", "党组书记") in pairs and ("赵立新", "主任") in pairs


@pytest.mark.parametrize("text, org", [
    ("广州市交通运输局发布通知。", "广州市交通运输局"),
    ("浙江华远智能装备有限公司签约落户。", "浙江华远智能装备有限公司"),
    ("市发改委负责人介绍了情况。", "市发改委"),
])
def test_organizations_by_suffix(text, org):
    assert org in found(text).get("organization", set())


@pytest.mark.parametrize("text, generic", [
    ("相关单位和企业负责人参加会议。", "企业"),
    ("他举办了一场展览。", "举办"),
])
def test_generic_nouns_are_not_organizations(text, generic):
    assert not any(generic in name for name in found(text).get("organization", set()))


@pytest.mark.parametrize("text, place", [
    ("代表团访问了成都市武侯区。", "成都市武侯区"),
    ("游客来到西湖风景区游览。", None),
    ("他出生在四川省。", "四川省"),
])
def test_places_from_the_gazetteer(text, place):
    if place:
        assert any(place in name or name in place for name in found(text).get("place", set()))


def test_list_with_a_declared_kind_types_every_item():
    text = "东方明达、华盛通、远航星等企业参加签约。"
    assert {"东方明达", "华盛通", "远航星"} <= found(text).get("organization", set())


@pytest.mark.parametrize("text, project", [
    ("全力推进“三横两纵”工程建设。", "“三横两纵”工程"),
    ("G210线沙河至黄岭段提质改造工程开工。", "G210线沙河至黄岭段提质改造工程"),
])
def test_projects(text, project):
    assert project in found(text).get("project", set())


def test_generic_project_phrases_are_not_projects():
    assert "project" not in found("今年将实施一批重点项目。")


@pytest.mark.parametrize("text, places", [
    ("中日两国外长在东京举行会谈。", {"中", "日"}),
    ("双方同意推动京津冀协同发展。", {"京", "津", "冀"}),
    ("德方表示愿意继续合作。", {"德"}),
    ("法国总统明年将访华。", {"华"}),
])
def test_one_character_places(text, places):
    assert places <= found(text).get("place", set())


@pytest.mark.parametrize("text, word", [
    ("以改革为动力，在全市推广。", "以"),
    ("中央财经委员会召开会议。", "中"),
])
def test_one_character_near_misses(text, word):
    assert word not in found(text).get("place", set())


@pytest.mark.parametrize("text, org", [
    ("国务院常务会议部署工作。", "国务院"),
])
def test_organizations_known_to_the_dictionary(text, org):
    assert org in found(text).get("organization", set())


def test_fields_of_study_are_not_organizations():
    assert "公共交通" not in found("市里大力发展公共交通。").get("organization", set())


@pytest.mark.parametrize("text, org", [
    ("瑞康医药与宏博电气签订合作协议。", "宏博电气"),
    ("天禾生物、万嘉科技等企业参展。", "天禾生物"),
])
def test_company_trade_names(text, org):
    assert org in found(text).get("organization", set())


def test_other_items_of_a_company_list_follow_the_typed_one():
    orgs = found("天禾生物、明泰昌盛、瑞嘉康宁的产品远销海外。").get("organization", set())
    assert {"天禾生物", "明泰昌盛", "瑞嘉康宁"} <= orgs


def test_industry_words_after_ordinary_words_are_not_companies():
    assert not found("大力发展生物科技和绿色能源。").get("organization")


def test_a_title_that_starts_with_a_committee_names_it():
    text = "南宁市委副书记、市长李建华主持会议。"
    assert "南宁市委" in found(text).get("organization", set())
    assert ("李建华", "市长") in roles(text)


@pytest.mark.parametrize("text", ["（一九九七年十一月二日）", "（全文另发）"])
def test_dates_and_notes_in_brackets_are_not_bylines(text):
    assert not found("会议在京闭幕。" + text).get("person")


@pytest.mark.parametrize("text, place", [
    ("一行人参观了成都市科技馆。", "成都市科技馆"),
])
def test_venues(text, place):
    assert place in found(text).get("place", set())


@pytest.mark.parametrize("text, word", [
    ("这座博物馆的主题并不局限于厂史。", "这座"),  # jieba's unknown words opening with a pronoun or a verb
    ("澳门的几个大型工程，如九澳码头、友谊大桥，都已完工。", "如九澳"),
])
def test_a_named_feature_does_not_take_the_words_that_point_at_it(text, word):
    assert not any(word in name for name in found(text).get("place", set()))


@pytest.mark.parametrize("text, word", [
    ("早上9日早高峰时段车流量大。", "高峰"),
    ("他在会上作了报道。", "报道"),
    ("新建市政道路53条。", "新建"),
])
def test_ordinary_words_that_end_like_places(text, word):
    assert not any(word in name for name in found(text).get("place", set()))


@pytest.mark.parametrize("text, project", [
    ("全市推进“乡村振兴计划”，成效明显。", "乡村振兴计划"),
    ("“春苗行动”“护苗工程”项目深入推进。", "护苗工程"),
    ("“星火少年”项目的学员参加了活动。", "星火少年"),
    ("“温暖之家”等20余个慈善项目取得成果。", "温暖之家"),
    ("加快南宁新机场综合交通枢纽建设。", "南宁新机场综合交通枢纽"),
    ("重点推动华光新能源全产业链项目落地。", "华光新能源全产业链项目"),
    ("加快地铁3号线二期工程建设。", "地铁3号线二期工程"),
])
def test_named_projects(text, project):
    assert project in {name.strip("“”") for name in found(text).get("project", set())}


def test_a_quoted_name_holding_a_list_is_one_project():
    assert found("县里启动“百村示范、千村整治”工程。").get("project") == {"“百村示范、千村整治”工程"}


def test_a_quoted_remark_or_a_bare_phase_is_not_a_project():
    assert not found("他说“我们来了，你们好”。").get("project")
    assert not found("今年实施一期工程。").get("project")


def test_counts_before_a_project_word_are_not_names():
    assert not found("共有30余个慈善项目取得成果。").get("project")


def test_other_works_in_a_list_with_a_road_project():
    text = "长江路上跨北三环、G5高速西三环互通、黄河路新增匝道等建成通车。"
    assert {"长江路上跨北三环", "黄河路新增匝道"} <= found(text).get("project", set())


def test_banner_short_forms():
    from kg.lexicon import short_forms
    assert "土左旗" in short_forms("土默特左旗", "county")
    assert "科右前旗" in short_forms("科尔沁右翼前旗", "county")


@pytest.mark.parametrize("text, place", [
    ("团队依托市图书馆开展活动。", "市图书馆"),
    ("大理州苍山洱海艺术区工作人员推介产品。", "苍山洱海艺术区"),
])
def test_features_over_two_tokens_and_home_facilities(text, place):
    assert any(place in name for name in found(text).get("place", set()))


def test_road_classes_are_not_road_names():
    assert "武川县乡道" not in found("行走在武川县乡道，山丘上屹立着风机。").get("place", set())


@pytest.mark.parametrize("text, word", [
    ("理事招商引资座谈会召开。", "招商引"),
    ("建成养老服务站(含幸福院)49个。", "含幸福院"),
])
def test_words_read_as_names_after_titles_or_in_brackets(text, word):
    assert word not in found(text).get("person", set())


@pytest.mark.parametrize("text, name", [
    ("我同克林顿总统交换了意见。", "克林顿"),
    ("威尔逊州长先生和夫人出席。", "威尔逊"),
])
def test_names_before_titles(text, name):
    assert name in found(text).get("person", set())


def test_a_surname_with_a_title_is_the_person_named_in_full():
    mentions = run("胡锦涛主席抵达机场。胡主席随后会见了市长。")[0]
    surname = [m for m in mentions if m.surface == "胡"]
    assert surname and surname[0].name == "胡锦涛"


@pytest.mark.parametrize("text, word", [
    ("来自赛罕区书法家协会的艺术家", "赛罕区"),
    ("会见李书记时表示感谢。", "时表示"),
])
def test_places_and_verbs_are_not_names_before_titles(text, word):
    assert word not in found(text).get("person", set())


def test_places_run_together_before_a_group():
    assert {"台", "港", "澳"} <= found("欢迎大陆同胞、台港澳同胞。").get("place", set())


def test_generic_places_jieba_knows_are_not_names():
    assert "大城市" not in found("来到美国西海岸第一大城市。").get("place", set())


def test_a_list_ends_at_its_tail_and_the_tail_types_it():
    text = "对于西万象、银泰城等重点商圈都要丰富消费场景、消费业态。"
    places = found(text).get("place", set())
    assert {"西万象", "银泰城"} <= places and "消费业态" not in places


@pytest.mark.parametrize("text, word", [
    ("已投入使用县级共配中心两个。", "县级共配中心"),
    ("组建六大产业集群专班。", "六大产业集群专班"),
    ("移动、联通、电信三大电信运营商等项目落地。", "电信三大电信运营商"),
])
def test_kinds_of_bodies_are_not_names(text, word):
    assert all(word not in names for names in found(text).values())


def test_a_title_opening_with_a_known_body_names_it():
    assert "国务院" in found("国务院总理李克强会见外宾。").get("organization", set())


def test_staff_titles_inside_a_byline_separate_the_names():
    people = found("(记者张晓鸥 实习生梁震 通讯员王佳妮)抢时间。").get("person", set())
    assert {"张晓鸥", "梁震", "王佳妮"} <= people and not any(n.startswith(("实习生", "通讯员")) for n in people)


@pytest.mark.parametrize("text, word", [
    ("乌审旗河南乡降水4.8毫米。", "乌审旗"),
    ("民族文学馆、马博馆相继开放。", "马博馆"),
    ("他博士毕业后毅然返乡。", "毕业后"),
])
def test_places_bodies_and_words_are_not_people(text, word):
    assert word not in found(text).get("person", set())


@pytest.mark.parametrize("text, word", [
    ("有效提高退役军人满意度。", "满意度"),
    ("实现普通高中多样化发展。", "普通高中"),
    ("包头市市场监督管理局表彰先进。", "包头市市场"),
    ("组织693家企业赴阿联酋、沙特等国家考察。", "693家企业赴阿联酋"),
])
def test_words_jieba_calls_places_and_starts_of_bodies_are_not_places(text, word):
    assert word not in found(text).get("place", set())


@pytest.mark.parametrize("text, org", [
    ("南宁市青少年活动中心举办展览。", "南宁市青少年活动中心"),
    ("来自青秀区书法家协会的艺术家赠送作品。", "青秀区书法家协会"),
])
def test_bodies_with_words_jieba_misreads(text, org):
    assert org in found(text).get("organization", set())


@pytest.mark.parametrize("text", ["推动形成基层善治新格局。", "压降二类邮政局所数量两个。"])
def test_words_that_end_like_bodies(text):
    assert not found(text).get("organization")


def test_road_words_of_their_own_are_not_road_names():
    assert not found("融入国家高速铁路网主通道。").get("place")
    assert "中山路" in found("提升中山路商圈功能。").get("place", set()) or \
        "中山路商圈" in found("提升中山路商圈功能。").get("place", set())


@pytest.mark.parametrize("text, name", [
    ("张海鹰说：“很高兴来到这里。”", "张海鹰"),
    ("今天还能在现场与王海鹰老师互动。", "王海鹰"),
])
def test_names_jieba_cuts_in_two(text, name):
    assert name in found(text).get("person", set())


def test_words_jieba_calls_names_do_not_make_a_body_a_name():
    assert not found("建设居家社区养老服务中心。").get("organization")


def test_a_place_named_after_an_institution():
    assert "内蒙古大学科技园" in found("入驻内蒙古大学科技园的企业。").get("place", set())


@pytest.mark.parametrize("text", ["组建10支专家队伍下乡服务。", "学校举办汇报音乐会。"])
def test_counts_and_events_are_not_bodies(text):
    assert not found(text).get("organization")


@pytest.mark.parametrize("text, word", [
    ("建设宜居、宜业“五宜城市”。", "宜城市"),
    ("两地开展“双城融合”活动。", "双城"),
])
def test_division_names_read_inside_ordinary_words(text, word):
    assert not any(word in m for m in found(text).get("place", set()))


def test_an_ordinal_starts_a_body_name():
    assert "第十五次全国代表大会" in found("党召开了第十五次全国代表大会。").get("organization", set())


def test_a_bare_party_committee_is_a_body():
    assert "市委" in found("全力推动市委部署的各项工作任务落地见效。").get("organization", set())


def test_known_names_are_not_found_again_inside_longer_words():
    mentions = run("全力推动市委部署的工作。发挥市委党校、南宁职业学院两个阵地作用。")[0]
    assert not any(m.surface == "市委" and m.sentence == 1 for m in mentions)


def test_companies_listed_for_their_projects():
    orgs = found("重点实施华光、高瑞德等一批产业项目。").get("organization", set())
    assert "高瑞德" in orgs and not found("重点实施华光、高瑞德等一批产业项目。").get("person")
    # ordinary words listed as the items of a project are no companies
    assert not found("制冷量、功率、商品特点、保修地点等项目一目了然。").get("organization")


@pytest.mark.parametrize("text, word", [
    ("让观众对内蒙古、对大草原充满向往。", "对大草原"),
    ("今年我区口岸货运量破纪录。", "区口岸"),
    ("中蒙最大综合性枢纽口岸建设提速。", "中蒙最大综合性枢纽口岸"),
])
def test_function_words_adjectives_and_our_region_are_not_in_place_names(text, word):
    assert word not in found(text).get("place", set())


@pytest.mark.parametrize("text, place", [
    ("学生们走进清华大学科技园参观。", "清华大学科技园"),
    ("项目落户西北工业大学国家大学科技园。", "西北工业大学国家大学科技园"),
])
def test_an_institutions_grounds_are_a_place(text, place):
    table = found(text)
    assert place in table.get("place", set())
    assert not any(name in place for name in table.get("organization", set()))


@pytest.mark.parametrize("text, word", [
    ("大学科技园是创新的平台。", "大学科技园"),
    ("全市新建城市道路40条。", "城市道路"),
    ("今年新建市政道路20条。", "市政道路"),
    ("打造南方地区物流基地。", "南方地区物流基地"),
    ("去年成都文旅市场持续升温。", "成都文旅市场"),
])
def test_descriptions_of_places_are_not_names(text, word):
    assert word not in found(text).get("place", set())


def test_a_named_market_is_a_place():
    assert "东瓦窑市场" in found("东瓦窑市场人头攒动。").get("place", set())


@pytest.mark.parametrize("text, word", [
    ("全市已建成乡镇卫生院12个，在五个供电所开通业务。", "供电所"),
    ("建成县级物流配送中心三个。", "物流配送中心"),
    ("第十届中国国际农业博览会在长沙开幕。", "博览会"),
    ("推进政务服务“跨省通办”。", "通办"),
])
def test_counted_ranked_and_event_names_are_not_bodies(text, word):
    assert not any(word in name for name in found(text).get("organization", set()))


def test_a_counted_body_with_a_place_in_its_name_is_kept():
    assert "乌海市人民医院分院" in found("全市两家乌海市人民医院分院开诊。").get("organization", set())


@pytest.mark.parametrize("text, brand", [
    ("市民可通过“浙里办”预约。", "浙里办"),
    ("在“皖事通·安康码”上申领。", "皖事通"),
])
def test_quoted_service_brands_are_projects(text, brand):
    table = found(text)
    assert brand in table.get("project", set()) and not table.get("organization")


def test_a_quoted_slogan_is_not_a_service_brand():
    assert not found("他说“我们来办”。").get("project")


def test_an_adverb_before_the_listing_verb_is_not_an_item():
    table = found("集中签约华为、腾讯、美团等企业。")
    assert {"腾讯", "美团"} <= table.get("organization", set())
    assert not any(name.startswith("集中") for names in table.values() for name in names)


def test_a_list_after_a_verb_and_preposition_starts_at_the_partner():
    table = found("深化与复旦大学、南开大学等高校合作。")
    assert {"复旦大学", "南开大学"} <= table.get("organization", set())
    assert not any(name.startswith("深化") for names in table.values() for name in names)


def test_a_post_in_a_list_of_posts_is_not_a_body():
    assert "自治区政协副主席" not in found("自治区政协副主席、市委书记王立新调研。").get("organization", set())


def test_two_companies_written_together_are_two_names():
    orgs = found("参观宁夏青禾新材料有限责任公司宁夏青禾新材料有限公司的车间。").get("organization", set())
    assert {"宁夏青禾新材料有限责任公司", "宁夏青禾新材料有限公司"} <= orgs


def test_a_branch_keeps_its_parent_company_in_its_name():
    assert "中国电信股份有限公司四川分公司" in found("中国电信股份有限公司四川分公司开展活动。").get("organization", set())


@pytest.mark.parametrize("text, word", [("加快老旧小区改造。", "老旧小区"), ("建设卓越博物馆。", "卓越博物馆")])
def test_adjectives_do_not_name_a_place(text, word):
    assert word not in found(text).get("place", set())


def test_planning_words_do_not_start_a_project_name():
    projects = found("公司总规划年产5万吨碳纤维项目。").get("project", set())
    assert projects and not any(name.startswith(("总", "规划")) for name in projects)


@pytest.mark.parametrize("text, name", [
    ("英国前首相布莱尔出席论坛。", "布莱尔"),
    ("美国前国务卿鲍威尔抵达北京。", "鲍威尔"),
    ("局长马丁介绍了情况。", "马丁"),
])
def test_foreign_names_after_a_title(text, name):
    assert name in found(text).get("person", set())


@pytest.mark.parametrize("text, word", [("总统访问巴西。", "巴西"), ("主任带队赴罗马。", "罗马"), ("主任强调安全。", "安全")])
def test_places_and_words_written_with_foreign_name_characters_are_not_people(text, word):
    assert word not in found(text).get("person", set())


def test_a_line_of_names_signs_the_article():
    assert {"周晓红", "钱伟"} <= found("会议要求各地抓好落实。\n周晓红 钱伟").get("person", set())


@pytest.mark.parametrize("text", ["会议要求抓好落实。\n春节 快乐", "会议要求抓好落实。\n高峰 论坛"])
def test_a_line_of_words_is_not_a_signature(text):
    assert not found(text).get("person")


def test_a_long_name_in_a_photo_credit():
    assert "巴特尔巴雅尔" in found("草原上的羊群。本报记者 巴特尔巴雅尔 摄").get("person", set())


def test_two_one_character_places_open_a_body_name():
    table = found("美中关系全国委员会举行年会。")
    assert "美中关系全国委员会" in table.get("organization", set()) and not table.get("place")


@pytest.mark.parametrize("text", ["中美两国关系稳定发展。", "中俄双方同意加强合作。"])
def test_one_character_places_cut_apart_still_pair(text):
    assert len(found(text).get("place", set())) == 2


def test_a_counted_tail_with_more_than():
    assert {"ABB", "IBM"} <= found("ABB、IBM等90多家公司出席。").get("organization", set())


@pytest.mark.parametrize("text, org", [
    ("省住房和城乡建设厅发布通知。", "省住房和城乡建设厅"),
    ("市人力资源和社会保障局举办招聘会。", "市人力资源和社会保障局"),
    ("县工业和信息化局、县文化和旅游局联合检查。", "县文化和旅游局"),
    ("区工信和科技局组织培训。", "区工信和科技局"),
])
def test_department_names_joining_two_fields(text, org):
    assert org in found(text).get("organization", set())


@pytest.mark.parametrize("text", ["市委和市政府高度重视。", "企业和科技局签约。"])
def test_two_bodies_joined_by_and_stay_two(text):
    assert not any("和" in name for name in found(text).get("organization", set()))


@pytest.mark.parametrize("text, place", [
    ("昨天，城关街道幸福社区开展义诊活动。", "城关街道幸福社区"),
    ("大榆树镇东风村党支部书记赵刚介绍情况。", "大榆树镇东风村"),
])
def test_a_community_named_by_an_ordinary_word_after_its_division(text, place):
    assert place in found(text).get("place", set())


@pytest.mark.parametrize("text, word", [("在城关镇发展村集体经济。", "发展村"), ("城关镇团结村村民说。", "团结村村")])
def test_verbs_and_villagers_are_not_communities(text, word):
    assert not any(word in name for name in found(text).get("place", set()))


@pytest.mark.parametrize("text", ["占地300亩的现代农业产业园正在建设。", "综合保税区进出口总额增长。"])
def test_units_named_by_what_they_are_are_not_places(text):
    assert not found(text).get("place") and not found(text).get("organization")


@pytest.mark.parametrize("text, org", [
    ("鞍山钢铁（集团）有限公司召开年会。", "鞍山钢铁（集团）有限公司"),
    ("西门子（中国）有限公司在京发布新品。", "西门子（中国）有限公司"),
])
def test_a_bracketed_qualifier_inside_a_company_name(text, org):
    assert org in found(text).get("organization", set())


@pytest.mark.parametrize("text, org, kept", [
    ("全区新建标准化卫生服务中心12个。", "卫生服务中心", False),
    ("复旦大学3名学生获奖。", "复旦大学", True),
    ("复旦大学2023年扩招。", "复旦大学", True),
])
def test_a_count_after_a_body_makes_it_a_kind(text, org, kept):
    assert any(org in name for name in found(text).get("organization", set())) == kept


def test_a_person_jieba_knows_as_a_word_when_a_persons_word_follows():
    assert "万通" in found("市委书记万通一行调研。").get("person", set())  # 万通: a word in jieba's dictionary
    assert "万通" not in found("市委书记万通物流调研。").get("person", set())
    assert "高峰" not in found("市长高峰说，要抓好落实。").get("person", set())


def test_a_title_that_names_its_own_body_does_not_share_the_previous_one():
    pairs = {(r.title, r.org) for _, r in run("自治区政协副主席、市委书记孙建华一行调研。")[1]}
    assert ("政协副主席", "自治区") in pairs and ("市委书记", "自治区") not in pairs


def test_a_role_held_at_a_company_with_a_bracketed_qualifier():
    pairs = {(r.title, r.org) for _, r in run("鞍山钢铁（集团）有限公司董事长王刚表示。")[1]}
    assert ("董事长", "鞍山钢铁（集团）有限公司") in pairs


def test_a_places_list_of_key_projects_is_not_a_project():
    assert not found("包头市2024年重点项目集中开工。").get("project")


def test_a_common_abbreviation_does_not_make_a_kind_a_name():
    assert not found("要求中小学幼儿园按时放假。").get("organization")


def test_meetings_and_work_are_not_bodies_in_a_list_of_bodies():
    orgs = found("紧扣市委、市政府中心工作，贯彻中央农村工作会议、省委全会精神。").get("organization", set())
    assert not any(name.endswith(("工作", "会议")) for name in orgs)


def test_a_trade_is_not_a_trade_name():
    assert "自治区文旅集团" in found("自治区文旅集团做了推介。").get("organization", set())


def test_a_company_in_a_park_starts_at_its_province():
    orgs = found("在金桥产业园内蒙古恒瑞新材料有限公司车间里。").get("organization", set())
    assert "内蒙古恒瑞新材料有限公司" in orgs


@pytest.mark.parametrize("text, name, title, org", [
    ("联合国秘书长古特雷斯对此表示关切。", "古特雷斯", "秘书长", "联合国"),
    ("日本首相岸田文雄宣布访问计划。", "岸田文雄", "首相", "日本"),
    ("英国前首相布莱尔出席论坛。", "布莱尔", "首相", "英国"),
])
def test_foreign_leaders_and_where_they_hold_office(text, name, title, org):
    assert (name, title, org) in {(m.surface, r.title, r.org) for m, r in run(text)[1]}


def test_a_hall_jieba_knows_as_a_body_is_a_place():
    table = found("代表们在人民大会堂参加会议。")
    assert "人民大会堂" in table.get("place", set()) and not table.get("organization")


@pytest.mark.parametrize("org", ["四川大学华西第二附属医院", "浙江大学第一附属医院", "东北师范大学附属中学"])
def test_an_affiliated_hospital_or_school_keeps_its_university(org):
    assert org in found(f"{org}专家来访。").get("organization", set())


@pytest.mark.parametrize("text", ["推进招商引资“四大行动”。", "实施“六大工程”建设。"])
def test_a_quoted_count_of_kinds_is_not_a_project(text):
    assert not found(text).get("project")


@pytest.mark.parametrize("text, name, title, org", [
    ("经过选举，周海峰当选包头市侨商联合会会长。", "周海峰", "会长", "包头市侨商联合会"),
    ("会议任命陈立新为市财政局局长。", "陈立新", "局长", "市财政局"),
    ("王晓东担任县人民医院院长。", "王晓东", "院长", "县人民医院"),
])
def test_appointments_give_a_post_at_a_body(text, name, title, org):
    assert (name, title, org) in {(m.surface, r.title, r.org) for m, r in run(text)[1]}


def test_a_name_and_为_without_a_post_is_no_appointment():
    assert not run("李明为大家讲解展品。")[1]


def test_a_photo_credit_without_a_space_before_摄():
    assert "刘晓羽" in found("■本报记者 刘晓羽摄").get("person", set())


def test_a_list_opened_by_a_clause_starts_after_its_verb():
    orgs = found("我们要感谢芝加哥中华商会、美中关系全国委员会等团体的款待。").get("organization", set())
    assert "芝加哥中华商会" in orgs and not any(name.startswith("我们") for name in orgs)


def test_the_last_item_joined_by_a_conjunction_is_an_item():
    assert {"IBM", "ABB"} <= found("ABB、IBM及西门子公司等30多家公司出席。").get("organization", set())


def test_a_conjunction_without_the_lists_tail_adds_no_item():
    assert not any("领导" in name for name in found("市委、市政府和市人大领导出席。").get("organization", set()))


@pytest.mark.parametrize("text, names", [
    ("园区集聚了移动、联通、电信三大运营商的数据中心。", {"移动", "联通", "电信"}),
    ("工行、农行、中行、建行四大国有银行均设立了网点。", {"工行", "农行", "中行", "建行"}),
    ("引进移动、联通、电信三大电信运营商、多家金融机构等20个项目。", {"移动", "联通", "电信"}),
])
def test_a_count_naming_as_many_items_types_them(text, names):
    assert names <= found(text).get("organization", set())


@pytest.mark.parametrize("text", ["坚持创新、协调、绿色三大理念。", "提升移动、电信三大运营商的服务。"])
def test_a_count_of_another_kind_or_number_types_nothing(text):
    assert not found(text).get("organization")


def test_traditional_characters_are_read_as_simplified_and_kept_in_surfaces():
    mentions = run("廣東省委書記黃坤明會見香港特區政府行政長官李家超。")[0]
    people = {(m.surface, m.name) for m in mentions if m.type == "person"}
    assert ("黃坤明", "黄坤明") in people and ("李家超", "李家超") in people


def test_simplified_text_is_left_as_it_is():
    from kg.lexicon import to_simplified
    text = "著名作家于是乾杯，后来在台里干活。"
    assert to_simplified(text) == text


def test_a_body_named_again_by_its_bare_name():
    mentions = run("斯坦福大学校长来访。他说，斯坦福欢迎中国学生。")[0]
    assert ("斯坦福", "斯坦福大学") in {(m.surface, m.name) for m in mentions if m.type == "organization"}


def test_a_place_before_a_university_is_not_its_short_form():
    mentions = run("内蒙古大学的学生来自内蒙古各地。")[0]
    assert all(m.type == "place" for m in mentions if m.surface == "内蒙古")


@pytest.mark.parametrize("text, surname", [
    ("会上，市体育局的仉处长介绍了场馆建设情况。", "仉"),  # any title, not only a leader's
    ("消息传来，仉先生十分高兴。", "仉"),  # a form of address
    ("我们请教了乜教授。", "乜"),
    ("大家都来看望亓老，祝他健康长寿。", "亓"),  # X老, one word jieba does not know
])
def test_a_bare_surname_with_a_title_is_a_person(text, surname):
    assert surname in found(text).get("person", set())


@pytest.mark.parametrize("text", [
    "总统会见了代总理。",  # acting, not a surname
    "他的好友方医生也来了。",  # after a noun: a description
])
def test_title_near_misses_are_no_bare_surnames(text):
    assert not found(text).get("person")


@pytest.mark.parametrize("text, name", [
    ("志参加会见。\n\n(李海珍)\n\n我市召开会议。", "李海珍"),  # alone on its line, after the article
    ("本报记者(张鑫)近日,我市召开会议。", "张鑫"),  # after a staff title
    ("本报呼和浩特1月3日讯（刘欣）近日,我市召开会议。", "刘欣"),  # after the dateline
])
def test_a_byline_without_a_title_stands_where_bylines_stand(text, name):
    assert name in found(text).get("person", set())


@pytest.mark.parametrize("text, word", [
    ("沅陵（古称辰阳）是湘西重镇。", "辰阳"),
    ("老画家郑乃（王光）在会上发言。", "王光"),
])
def test_a_name_in_brackets_inside_a_sentence_is_no_byline(text, word):
    assert not any(word in name for names in found(text).values() for name in names)


def test_a_list_item_that_reads_as_a_clause_is_no_name():
    table = found("北京大学、清华大学、区政府公开接受群众监督。")
    assert {"北京大学", "清华大学"} <= table.get("organization", set())
    assert not any("接受" in name for names in table.values() for name in names)


def test_a_lists_first_item_starts_after_an_adverb_and_its_verb():
    places = found("为了学习养兔知识，王玉梅曾去北京、上海、南京等城市。").get("place", set())
    assert {"北京", "上海", "南京"} <= places and not any("王玉梅" in place for place in places)


def test_a_list_item_with_a_verbal_noun_is_a_clause():
    # 有关 and 合作 are verbal nouns: 甘肃有关单位合作 is no body
    orgs = found("他们与四川棉研所、甘肃有关单位合作，开展杂交试验。").get("organization", set())
    assert not any("合作" in org for org in orgs)


def test_fields_of_government_work_listed_before_their_departments_are_no_bodies():
    orgs = found("水利部组织全国有关水利、城建、交通等部门40多名专家。").get("organization", set())
    assert not {"水利", "城建", "交通"} & orgs
