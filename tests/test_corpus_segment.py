"""Article segmentation rules, each on a small page written for the test."""
from __future__ import annotations

from kg.corpus import segment_document
from kg.model import Document


def page(*paragraphs: str, gap: str = "\n\n") -> str:
    return "\n\n" + gap.join(paragraphs) + "\n"


def articles_of(text: str, year: int | None = None):
    return segment_document(Document(source="page.txt", text=text, year=year))


def body(article) -> str:
    return "".join(s.text for s in article.sentences)


NEWS = page(
    "市长王明会见新加坡客商一行",
    "本报讯(记者 张华)3月5日,市长王明会见了新加坡某集团董事长陈立一行。",
    "王明表示,我市将为企",
    "业提供优质服务,欢迎各方来投资。",
    "(刘洋)",
    "我市举办春季招聘会",
    "本报5月6日讯 (实习记者 李静)我市春季招聘会在会展中心举行。",
    "共有两百家单位参加。",
)


def test_headline_and_dateline_start_articles():
    first, second = articles_of(NEWS, year=2023)
    assert first.title == "市长王明会见新加坡客商一行"
    assert first.byline == "记者 张华"
    assert first.date == "2023-03-05" and first.month_day == "03-05"
    assert second.title == "我市举办春季招聘会"
    assert second.date == "2023-05-06"
    assert second.byline == "实习记者 李静"


def test_spans_are_absolute_and_ordered():
    first, second = articles_of(NEWS)
    assert NEWS[first.start:].startswith("市长王明会见")
    assert NEWS[first.end - len("(刘洋)"):first.end] == "(刘洋)"
    assert NEWS[first.body_start:].startswith("本报讯")
    assert first.end <= second.start and second.end <= len(NEWS)


def test_year_is_never_guessed():
    first, _ = articles_of(NEWS)
    assert first.date is None and first.month_day == "03-05"


def test_word_split_by_page_break_is_joined_with_a_gap():
    first, _ = articles_of(NEWS)
    sentence = next(s for s in first.sentences if "为企业" in s.text)
    assert sentence.text == "王明表示,我市将为企业提供优质服务,欢迎各方来投资。"
    assert sentence.gaps == ((len("王明表示,我市将为企"), 2),)
    cut = sentence.text.index("业")
    assert NEWS[sentence.to_source(cut)] == "业"
    assert NEWS[sentence.to_source(cut, is_end=True) - 1] == "企"


def test_end_credit_is_byline_when_there_is_no_other():
    text = page("春季植树活动启动", "近日,全市春季植树活动在南山启动,干部群众参加义务植树。", "(周敏)")
    (article,) = articles_of(text)
    assert article.byline == "周敏"
    assert article.date is None


def test_multi_line_title_and_interview_subtitle():
    text = page("深入学习贯彻市委全会精神", "奋力开创全市发展新局面", "——访市发改委主任刘强",
                "“今年将重点抓好项目建设。”刘强说。", "(陈晨)",
                "第二条新闻标题在这里", "本报讯 这是第二条新闻的正文。")
    first, second = articles_of(text)
    assert first.title == "深入学习贯彻市委全会精神 / 奋力开创全市发展新局面 / ——访市发改委主任刘强"
    assert second.title == "第二条新闻标题在这里"


def test_title_wrapped_over_two_short_lines_is_rejoined():
    text = page("市红十字会", "志愿服务队成立大会召开", "本报讯 3月1日,大会在市里召开。")
    (article,) = articles_of(text)
    assert article.title == "市红十字会志愿服务队成立大会召开"
    assert article.sentences[0].text == "市红十字会志愿服务队成立大会召开"


def test_continuation_marker_is_not_a_title_nor_text():
    text = page("文旅市场持续升温", "(上接第1版)今年以来,我市接待游客人数大幅增长。",
                "旅游收入同比增长三成。(下转第4版)")
    (article,) = articles_of(text)
    assert article.title == "文旅市场持续升温"
    assert article.continued
    joined = body(article)
    assert "上接" not in joined and "下转" not in joined
    assert article.sentences[1].text == "今年以来,我市接待游客人数大幅增长。"


def test_inline_square_marker_prefix():
    text = page("两地合作再上台阶", "■上接第2版 双方签署了合作协议。")
    (article,) = articles_of(text)
    assert article.sentences[-1].text == "双方签署了合作协议。"


def test_subheads_in_a_continued_article_do_not_start_articles():
    text = page("城市更新惠及民生", "(上接第1版)",
                "老旧小区焕然一新的变化", "今年全市改造老旧小区一百个,惠及居民三万户。",
                "公园绿地越来越多的城市", "新建口袋公园二十个,市民出门见绿。")
    (article,) = articles_of(text)
    assert article.title == "城市更新惠及民生"
    assert "老旧小区焕然一新的变化" in [s.text for s in article.sentences]


def test_a_finished_paragraph_then_a_title_starts_a_new_article():
    text = page("全市经济运行稳中向好的报道", "一季度全市生产总值同比增长百分之六。",
                "全市教育工作会议强调提升办学质量", "会议对今年教育工作作出部署。")
    first, second = articles_of(text)
    assert second.title == "全市教育工作会议强调提升办学质量"


def test_short_line_cut_by_a_column_is_joined_not_a_title():
    text = page("开发区举办项目推介会", "本报讯(记者 马力)推介会上,来自各地的企业代表参加了活动。",
                "参加推介会的三十多家", "企业代表进行了深入交流。")
    (article,) = articles_of(text)
    assert "参加推介会的三十多家企业代表进行了深入交流。" in [s.text for s in article.sentences]


def test_column_label_inside_a_sentence_is_skipped():
    text = page("全市推进社区治理创新", "本报讯 各区积极探索,社区治理水平不断提",
                "年终盘点", "升,居民满意度明显提高。")
    (article,) = articles_of(text)
    assert article.title == "全市推进社区治理创新"
    sentence = article.sentences[-1]
    assert sentence.text == "各区积极探索,社区治理水平不断提升,居民满意度明显提高。" or \
        sentence.text.endswith("社区治理水平不断提升,居民满意度明显提高。")
    assert "年终盘点" not in body(article)


def test_leading_column_label_is_not_part_of_the_title():
    text = page("(赵一)", "评论", "让文明成为城市底色", "城市文明建设需要每一位市民参与。")
    articles = articles_of(text)
    assert articles[-1].title == "让文明成为城市底色"


def test_photo_caption_keeps_its_credit_and_ends_the_article():
    text = page("春到公园", "3月10日,市民在公园赏花。", "■本报记者 冯雪 摄",
                "稳就业政策加力显效", "今年我市新增就业岗位两万个。")
    first, second = articles_of(text, year=2022)
    assert first.title == "春到公园" and first.date == "2022-03-10"
    assert first.byline == "本报记者 冯雪"
    assert text[first.start:first.end].endswith("■本报记者 冯雪 摄")
    assert second.title == "稳就业政策加力显效"


def test_repeated_paragraph_is_processed_once():
    repeated = "该企业今年计划投资五亿元建设新生产线,预计年底前投产运营。"
    text = page("企业扩产忙", "记者了解到,多家企业加快扩产步伐。", repeated, repeated, repeated)
    (article,) = articles_of(text)
    assert len(article.duplicate_spans) == 2
    assert sum(s.text == repeated for s in article.sentences) == 1
    for start, end in article.duplicate_spans:
        assert text[start:end] == repeated
        assert not any(s.start < end and start < s.end for s in article.sentences)


def test_section_break_starts_an_untitled_article():
    text = page("上一篇文章的标题", "这是一段没有写完的正文,后面的内容被", "", "",
                "近日,市民在广场参加健身活动。", "■本报记者 钱多 摄")
    first, second = articles_of(text)
    assert second.title is None and second.byline == "本报记者 钱多"
    assert text[second.start:].startswith("近日")


def test_other_dateline_forms():
    text = page("某市召开会议", "本报某市2月9日电 (记者王五 通讯员赵六)会议当天召开。",
                "另一条新闻", "新华社北京4月1日电 会议在北京举行。")
    first, second = articles_of(text, year=2021)
    assert first.date == "2021-02-09" and first.byline == "记者王五 通讯员赵六"
    assert second.date == "2021-04-01"


def test_byline_line_after_headline():
    text = page("扎根基层的好干部", "□本报记者 阿拉坦", "他二十年如一日扎根基层。")
    (article,) = articles_of(text)
    assert article.byline == "本报记者 阿拉坦"


def test_titled_record_is_one_article():
    document = Document(source="x.jsonl#1", text="第一段。\n第二段:短句\n结尾。", title="记录标题", date="2020-01-02")
    (article,) = segment_document(document)
    assert article.title == "记录标题" and article.date == "2020-01-02"
    assert [s.text for s in article.sentences] == ["第一段。", "第二段:短句结尾。"]


def test_empty_document_has_no_articles():
    assert segment_document(Document(source="e.txt", text="\n \n")) == []


def test_short_picture_title_after_a_dated_article():
    text = page("全市召开安全生产工作会议", "本报讯(记者 高山)会议对安全生产工作进行了部署。",
                "冰雕迎客", "1月5日,游客在公园观赏冰雕。本报记者 白雪 摄")
    first, second = articles_of(text, year=2024)
    assert second.title == "冰雕迎客" and second.date == "2024-01-05"
    assert second.byline == "记者 白雪"
