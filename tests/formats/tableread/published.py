"""Invented forms in the shapes publishers flatten them to (no text of a real document)."""

# The MoF project form flattened to one line by a Word-to-text extraction: single spaces
# between cells, empty cells gone, units glued to targets, weights inside level-1 labels.
FLAT_MOF = (
    "附件: 项目支出绩效自评表 (2023年度) 项目名称 乡村道路养护项目 主管部门 东岭县交通运输局 "
    "实施单位 东岭县公路事务中心 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额: 120 150 135 10 90% 9 其中:本年财政拨款 120 150 135 上年结转资金 其他资金 "
    "年度总体目标 预期目标 实际完成情况 完成养护任务 已完成 "
    "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
    "产出指标(50分) 数量指标 养护道路里程 ≥40公里 42 20 20 质量指标 养护合格率 ≥95% 97% 15 15 "
    "时效指标 完成及时性 按期完成 按期完成 15 14 效益指标(30分) 社会效益指标 群众出行便利程度 "
    "明显改善 明显改善 30 28 满意度指标(10分) 服务对象满意度指标 沿线群众满意度 ≥90% 93% 10 10 "
    "总分 96"
)

# Sichuan's 部门预算项目支出绩效自评表 as a web page renders it: one table row per line,
# cells between "|", trailing empty cells collapsed; the page starts with the tail of the
# previous form and holds a second form.
PIPE_SICHUAN = """\
产出指标 | 数量指标 | 购置设备数量 | ≥ | 8 | 台 | 8 | 90 | 90 | ||
合计 | 100 | |||||||||
评价结论 | 按计划完成。 | |||||||||
部门预算项目支出绩效自评表(2024年度) | ||||||||||
项目名称 | 51010024T000000000001-档案数字化经费 | |||||||||
主管部门 | 西江区档案馆 | 实施单位 | 西江区档案馆 | |||||||
预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因 | ||
总额 | 40.00 | 36.00 | 34.20 | 95.00% | 10 | 9.5 | 说明 | ||
其中：财政资金 | 40.00 | 36.00 | 34.20 | 95.00% | / | / | ||||
财政专户管理资金 | 0.00 | 0.00 | 0.00 | 0.00% | / | / | ||||
单位资金 | 0.00 | 0.00 | 0.00 | 0.00% | / | / | ||||
其他资金 | / | / | ||||||||
绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |
产出指标 | 数量指标 | 数字化档案卷数 | ≥ | 5000 | 卷 | 5200 | 40 | 40 | ||
时效指标 | 完成时限 | ≤ | 12 | 月 | 11 | 20 | 20 | ||
效益指标 | 社会效益指标 | 档案查阅便利度 | 定性 | 明显提升 | | 明显提升 | 30 | 28 | |
合计 | 100 | 97.5 | ||||||||
"""

# A Yunnan re-post: traditional characters, pinyin injected after characters, 元 as the unit.
TRADITIONAL_YUAN = """\
| 2022年度項(xiàng)目支出績效自評表 | ||||
| 項(xiàng)目名稱 | 邊境小學營養餐補助 | |||
| 主管部門 | 南嶺縣教育體育局 | 實施單位 | 南嶺縣第三小學 | |
| 項目資金 (元) | 年初預算數 | 全年預算數 | 全年執行數 | 分值 | 執行率 | 得分 |
| 年度資金總額 | 58000 | 60000 | 60000 | 10 | 100% | 10 |
| 其中:當年財政撥款 | 58000 | 60000 | 60000 | 100% | ||
| 績效指標 | 年度指標值 | 實際完成值 | 分值 | 得分 | 偏差原因分析及改進措施 |
| 一級指標 | 二級指標 | 三級指標 | 指標性質 | 指標值 | 度量單位 |
| 產出指標 | 數量指標 | 受益學生人數 | ≥ | 300 | 人 | 312 | 40 | 40 | |
| 效益指標 | 社會效益指標 | 學生營養改善率 | ≥ | 90 | % | 92 | 50 | 48 | |
"""

# One cell per line, each ended by " |", an empty cell a line holding only "|".
ONE_CELL_PER_LINE = "\n".join(
    f"{cell} |" if cell else "|"
    for cell in [
        "部门预算项目支出绩效自评表(2024年度)",
        "项目名称",
        "北湖街道环境整治",
        "主管部门",
        "北湖街道办事处",
        "年度预算数(万元)",
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
        "总额",
        "80.00",
        "80.00",
        "72.00",
        "90.00%",
        "10",
        "",
        "绩效指标(90分)",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因分析",
        "产出指标",
        "数量指标",
        "整治点位数",
        "≥",
        "30",
        "个",
        "",
        "90",
        "",
        "",
        "合计",
        "100",
    ]
)

# A county's rubric table as a web page renders it: a row spread over several lines, merged
# 一级/二级 cells on a group's first row only, long explanation cells between 分值 and 得分.
RUBRIC_PIPES = """\
2024年度部门整体支出绩效评价自评表
单位 | 清河县统计局 |||||||
序号 | 一级 指标 |
二级 指标 |
三级 指标 |
指标分值 | 指标解释 | 指标说明及评分标准 | 自评得分 |
1 | 决策 (12分) |
目标设定 (7分) | 绩效目标 合理性 | 4 | 目标是否合理。 | 合理(4分)；基本合理(2分)。 |
4 |
2 | 绩效目标 明确性 | 3 | 目标是否明确。 | 明确、细化、量化(3分) | 2 | |
3 | 预算编制 (5分) | 预算编制 科学性 | 5 | 编制是否科学。 | 科学(5分) | 5 | ||
4 | 过程 (20分) |
资金管理 (20分) | 预算执行率 | 8 | 执行数/预算数×100%。 | 每低1个百分点扣0.5分 | 7.5 | |
"""

# A score sheet flattened by a document-sharing site: each score pushed to the start of the
# next line, points inside labels with spaces, soft-wrapped labels.
RUBRIC_FLAT = """\
2019 年部门整体支出绩效评价得分表 一级指 标 二级指标 三级指标 得分 部门决 策(20 分) 目标任务(10 分) 相关性(5 分)
5 明确性(5 分)
4 预算编制(10 分) 测算依据(6 分)
6 目标管理(4 分)
3 综合管 理(30 分) 资金管理(30 分) 支付进度(10 分)
8
本部门自评得分
86 分。
"""

# A department form of the 得分系数 / 是否核心指标 kind as a document-sharing site OCRs a Word
# table: every cell border lost, weight and score glued (``1515`` = 15 and 15), the 指标性质
# scrambled once (量定指标), page chunks numbered ``2、`` and a file name above the title.
GLUED_COEFFICIENT = (
    "《部门整体绩效自评表.docx》由会员分享,可在线阅读。\n"
    "1、部门整体绩效自评表主管部门南塘区文化馆自评总分(分)95.5部门预算执行情况年初预算数"
    "全年预算数全年执行数执行率(%)执行率权重执行率得分(分)O85%108.5"
    "指标名称计量单位指标性质年初指标值调整指标值全年完成值得分系数(%)指标权重(分)指标得分(分)"
    "是否核心指标开放天数天定量指标300天310天100%1515是"
    "藏品完好率%量定指标99%100%100%1010否"
    "公众活动场次场到0场25场100%55是\n"
    "2、绩效指标服务规范性好好100%88否"
    "经费节约率%5%0100%44否"
    "读者满意度%90%80%50%42否展览"
)

# A project form scored by rubric (项目决策/项目管理/项目产出/项目效益) as the same sites OCR it:
# no borders, ``项Fl`` for 项目, ``万兀`` for 万元, the three amounts and the rate glued
# (``48.545.043.296%``), the weight glued to a target that repeats the actual
# (``10120台120台`` = weight 10, 120台 twice), a score printed ``IO``, a dash for no target.
GLUED_PROJECT = (
    "《区级项目支出绩效自评表.docx》由会员分享。\n"
    "1、北岗区项目支出绩效自评表(2022年)项目名称校园安保经费主管部门北岗区教育局"
    "实施第位北岗区实验小学自评得分93项Fl资金(万兀)年度资金总额年初预算数调整预算数(A)"
    "全年执行数(B)执行率(B/A)48.545.043.296%年度总体目标保障校园安全"
    "一级指标二级指标三级指标分值指标值(A)全年实际值(B)得分未完成原因分析及改进措施"
    "项目决策(10分)目标明确性6一目标清晰具体6依据充分性4制度文件齐全3"
    "项目管理(20分)投入管理预算执行率10一96%9\n"
    "2、项目产出(40分)数量指标(20分)安保设备数量10120台120台IO"
    "指标2:巡查完成时间122022年12月前2022年12月前12"
    "成本指标(10分)设备维护成本5M.5万元6.5万元5项目效益(30分)满意度指标(10分)家长满"
)

# The last page of a paginated re-post: no title, no header row, levels glued to the names,
# one number per row (weight or score: the page does not say).
TAIL_FRAGMENT = (
    "产出指标数量指标培训覆盖率≥95% 20 发放补贴人数=120人 20 时效指标按月发放率=100% 20 "
    "效益指标社会效益指标投诉率(投诉件数/服务人次)≤1% 30 合计100 评价结论按期完成。"
)

# A basic-data table (部门整体支出绩效评价基础数据表) flattened by a document-sharing site with
# its scoring sheet: the 填报单位 left blank (its neighbour is the unit note), years only in
# column headers, the 预算调整 row holding the budget before and after adjustment, confirmed
# by the adjustment the explanation prints; the rate only in the explanation.
BASEDATA_FLAT = """\
附件2: 部门整体支出绩效评价基础数据表 填报单位: 单位:万元 财政供养人员情况 编制数 2021年实际在职人数 控制率

52 50 96.

15% 经费控制情况 2020年决算数 2021年预算数 2021年决算数 三公经费 8.40 9.00 7.10

1、公务接待 3.20 4.00 2.60 部门整体支出预算调整 640.50 702.30 部门整体支出绩效评价指标表 一级指标 得分 二级指标 得分

8 预算完成率 100%计满分. 年初预算640.50万元,本年追加预算61.80万元;计算本单位预算完成率97.45%.
"""

# The same table where the adjustment row's figures do not agree with the printed adjustment:
# nothing of the row is placed.
BASEDATA_DISAGREES = BASEDATA_FLAT.replace("追加预算61.80万元", "追加预算60.00万元").replace(
    "年初预算640.50万元", "年初预算600.00万元"
)

# A department form whose header prints no year; its narrative names one (and a filing date).
YEAR_IN_NARRATIVE = (
    "部门整体绩效自评表 主管部门 北湖区融媒体中心 自评总分(分) 96 "
    "年度目标 中心2023年完成了宣传任务 填报日期:2024 年 3 月 2 日"
)
YEARS_AMBIGUOUS = YEAR_IN_NARRATIVE.replace("中心2023年", "中心2023年比2022年多")

# ---- Shapes of issue 16's list, each written for these tests ----

# Tab-separated MoF project form without 分值/得分 columns, 调整后预算数 for the annual budget,
# the year in its own row below the title after the title row's empty cells.
TAB_NO_POINTS = """\
项目支出绩效自评表\t\t\t\t\t
（2024年度）\t\t\t\t\t
项目名称\t河湾社区养老服务补助\t\t\t\t
主管部门\t河湾县民政局\t实施单位\t河湾县养老服务中心\t\t
项目资金（万元）\t年初预算数\t调整后预算数\t全年执行数\t执行率\t
年度资金总额\t80\t96\t91.2\t95%\t
其中：当年财政拨款\t80\t96\t91.2\t95%\t
上年结转资金\t\t\t\t\t
其他资金\t\t\t\t\t
年度总体目标\t预期目标\t实际完成情况\t\t\t
\t为老人提供助餐服务\t已提供\t\t\t
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值
\t产出指标\t数量指标\t助餐服务人次\t≥12000人次\t12800人次
\t\t质量指标\t服务对象投诉率\t≤2%\t1%
\t效益指标\t社会效益指标\t老人生活质量\t有所提高\t明显提高
"""

# One cell per line with no separator: every value on the line after its label; each
# indicator row ends with a 偏差原因 remark (无) before the next row's level labels.
VALUE_NEXT_LINE = """\
2023年度项目支出绩效自评表
项目名称
西岭镇农村饮水安全巩固
主管部门
西岭县水利局
实施单位
西岭镇人民政府
项目资金（万元）
年初预算数
全年预算数
全年执行数
分值
执行率
得分
年度资金总额
200
220
209
10
95%
9.5
其中：当年财政拨款
200
220
209
—
95%
—
绩效指标
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进措施
产出指标
数量指标
改造供水管网长度
≥15公里
16公里
50
50
无
效益指标
社会效益指标
受益人口
≥5000人
5300人
40
38
无
总分
97.5
"""

# Two project forms in one file, each flattened to one line with single spaces, the money
# unit printed in the header as 金额单位:元; the first form's 总分 sits just before the
# second form's title.
FLAT_YUAN_TWO_FORMS = (
    "项目支出绩效自评表 (2022年度) 金额单位:元 项目名称 东坪村道路亮化 "
    "主管部门 东坪镇人民政府 实施单位 东坪村民委员会 项目资金 年初预算数 "
    "全年预算数 全年执行数 分值 执行率 得分 年度资金总额 50000 50000 "
    "45000 10 90% 9 其中:当年财政拨款 50000 50000 "
    "45000 90% 绩效指标 一级指标 二级指标 三级指标 年度指标值 "
    "实际完成值 分值 得分 偏差原因分析及改进措施 产出指标 数量指标 安装路灯数量 "
    "≥60盏 60盏 50 50 效益指标 社会效益指标 夜间出行安全 明显改善 "
    "明显改善 40 38 总分 97\n"
    "项目支出绩效自评表 (2022年度) 金额单位:元 项目名称 东坪村垃圾清运 "
    "主管部门 东坪镇人民政府 实施单位 东坪镇环卫站 项目资金 年初预算数 "
    "全年预算数 全年执行数 分值 执行率 得分 年度资金总额 30000 36000 "
    "36000 10 100% 10 其中:当年财政拨款 30000 36000 "
    "36000 100% 绩效指标 一级指标 二级指标 三级指标 年度指标值 "
    "实际完成值 分值 得分 偏差原因分析及改进措施 产出指标 数量指标 清运垃圾量 "
    "≥500吨 540吨 50 50 效益指标 生态效益指标 村容整洁度 提高 提高 "
    "40 40 总分 100\n"
)

# Traditional characters in a |-separated table, 萬元 in the funds header, the year in its own
# row after the title row's empty cells, a 总分 row at the end.
TRADITIONAL_PIPES = """\
| 項目支出績效自評表 | | | | | | |
| (2021年度) | | | | | | |
| 項目名稱 | 北岸碼頭維修 | | | | | |
| 主管部門 | 北岸縣港航局 | 實施單位 | 北岸縣港航服務站 | | | |
| 項目資金（萬元） | 年初預算數 | 全年預算數 | 全年執行數 | 分值 | 執行率 | 得分 |
| 年度資金總額 | 45 | 45 | 40.5 | 10 | 90% | 9 |
| 其中：當年財政撥款 | 45 | 45 | 40.5 | — | 90% | — |
| 績效指標 | 一級指標 | 二級指標 | 三級指標 | 年度指標值 | 實際完成值 | 分值 | 得分 |
| | 產出指標 | 數量指標 | 維修泊位數 | 3個 | 3個 | 50 | 50 |
| | 效益指標 | 經濟效益指標 | 碼頭吞吐能力 | 提升 | 提升 | 40 | 36 |
| 總分 | 95 | | | | | | |
"""

# A rubric whose rows explain themselves (一级/二级/三级指标 with points, 评价标准, 指标说明,
# 得分) flattened with blank lines at random cell boundaries; the text ends inside the last
# indicator's explanation, so its score is not printed.
EXPLAINED_RUBRIC = """\
部门整体支出绩效评价得分表 单位名称 南溪县文化馆 一级指标 分值 二级指标 分值 三级指标 分值 评价标准 指标说明 得分 投入

20 目标设定

20 绩效目标合理性

10 目标符合部门职责,计10分. 本馆目标与职责相符.

10 绩效指标明确性

10 指标细化量化,计10分;

每缺一项扣2分. 本馆有两项未量化.

6 过程

30 资金管理

30 资金使用合规性

15 无违规使用,计15分. 未发现违规.

15 政府采购执行率

15 执行率100%计满分. 本年执行率为
"""
