"""Words of the annual report that the dashboard does not have, in English, Thai and Lao.

Everything else (codes in words, column names, definitions) comes from the dashboard's
catalogues (``dashboard.i18n``), so the report says what the dashboard says. Same keys in
every language (tests/test_publish.py checks it); the Thai and Lao follow the shared glossary
(shared/reference/glossary-th-lo.md). The Lao is a best effort, to be reviewed by a
Lao-speaking practitioner before a meeting: corrections go into this file only.
"""

from __future__ import annotations

from dashboard import i18n

EN: dict[str, str] = {
    # ------------------------------------------------------------------ cover and page
    "report.title": "Annual monitoring report {year}",
    "report.subtitle": "Trafficking in persons: joint Thailand – Lao PDR monitoring, "
                       "Chiang Rai – Bokeo",
    "report.year_line": "Monitoring year {year}: persons whose first recorded referral step "
                        "was in {year}.",
    "report.produced": "Data as of {as_of}. Produced on {today} with tipmon {version}. "
                       "Disclosure threshold k = {k}.",
    "report.footer": "Counts from 1 to {k1} are shown as <{k}",
    "report.page": "Page",
    # ------------------------------------------------------------------ sections
    "report.s_summary": "Summary",
    "report.s_profile": "Who the victims were",
    "report.s_recruitment": "Recruitment, exploitation and control",
    "report.s_debt": "Debt and fines",
    "report.s_durations": "Referral durations",
    "report.s_rights": "Rights and coordination",
    "report.s_quality": "Data quality and caveats",
    "report.s_methods": "Methods annex",
    # ------------------------------------------------------------------ table titles
    "report.key_figures": "Key figures for {year}, compared with {previous}",
    "report.by_nationality": "Victims first referred in {year}, by nationality",
    "report.potential_by_nationality": "Potential victims in {year}, by nationality",
    "report.identified_by_nationality": "Identified victims in {year}, by nationality",
    "report.potential_by_direction": "Potential victims in {year}, by direction of travel "
                                     "(nationality → country of exploitation)",
    "report.identified_by_direction": "Identified victims in {year}, by direction of travel",
    "report.potential_by_sex": "Potential victims in {year}, by sex",
    "report.potential_by_age_band": "Potential victims in {year}, by age group",
    "report.potential_by_sources": "Potential victims in {year}, by the province(s) that "
                                   "recorded them",
    "report.channel_counts": "Victims per recruitment channel, {year}",
    "report.channel_shares": "Recruitment channel: share of victims with a known channel, "
                             "{year} (%)",
    "report.channels": "How victims first referred in {year} were recruited",
    "report.exploitation_counts": "Victims per type of exploitation, {year}",
    "report.exploitation_shares": "Type of exploitation: share of victims with a known type, "
                                  "{year} (%)",
    "report.exploitation": "Type of exploitation, {year}",
    "report.control_means_counts": "Victims per means of control, {year}",
    "report.control_means_shares": "Means of control: share of victims with a known means, "
                                   "{year} (%)",
    "report.control_means": "Means of control reported, {year}",
    "report.debt": "Debt bondage and size of debts, {year}",
    "report.debt_bands": "Victims by size of debt, {year} (USD)",
    "report.fines_by_reason": "Fines imposed by employers in {year}, by reason",
    "report.fines_chart": "Number of fines by reason, {year}",
    "report.fined_per_person": "Total fined per person in {year} (all reasons together)",
    "report.durations": "Days between referral steps, persons first referred in {year}",
    "report.durations_chart": "Median and 90th percentile of days between referral steps, "
                              "{year}, against the benchmarks",
    "report.duration_bands": "Persons by days between referral steps, with those still "
                             "waiting (open cases), {year}",
    "report.benchmarks": "Benchmarks (dashed lines): handover within 10 days of rescue; "
                         "return home within 6 months (182 days).",
    "report.rights": "Rights of victims in Lao PDR, {year}",
    "report.agencies_per_case": "Number of agencies on each case (both sides together), {year}",
    "report.coordination_channels": "Referral steps coordinated through informal channels, "
                                     "{year}, by source",
    "report.completeness": "Key fields filled in the records of persons first referred in "
                           "{year}, by source (%)",
    "report.timeliness": "Days from a referral step dated in {year} to the arrival of the "
                         "file that first reported it",
    "report.quarantine_outstanding": "Problems outstanding in the latest files (rows held "
                                     "back until the province corrects them)",
    "report.dq_findings": "Records loaded but worth a look, by kind",
    "report.files": "Export files received (provenance)",
    "report.fx_rates": "Exchange rates used for {year} (units per US dollar)",
    "report.package_tables": "Tables of the data package",
    # ------------------------------------------------------------------ columns
    "report.col.category": "Category",
    "report.col.year": "Year",
    "report.col.share_pct": "Share (%)",
    "report.col.indicator": "Indicator",
    "report.col.numerator": "Persons",
    "report.col.denominator": "Out of",
    "report.col.rule": "Check failed",
    "report.col.problems": "Problems",
    "report.col.finding": "Kind",
    "report.col.findings": "Records",
    "report.col.seq": "No.",
    "report.col.as_of": "As of",
    "report.col.as_of_basis": "As of from",
    "report.col.sha256": "SHA-256",
    "report.col.currency": "Currency",
    "report.col.units_per_usd": "Units per USD",
    "report.col.source_note": "Source of the rate",
    "report.col.table": "Table",
    "report.col.file": "File",
    "report.col.from_step": "From step",
    "report.col.to_step": "To step",
    "report.col.band": "Days",
    "report.basis.latest_step": "latest step date",
    "report.basis.ingest_date": "date received",
    # ------------------------------------------------------------------ notes
    "report.how_to_read": "Potential victims: every person referred on either side. "
                          "Identified victims: persons the Thai screening identified as "
                          "victims. A change is shown only when both years' figures are.",
    "report.shares_note": "A person can have several values, so shares can add up to more "
                          "than 100%. A share is not shown (–) when fewer than {k} persons have "
                          "that value.",
    "report.open_note": "Open cases are counted up to {as_of}, the data's as-of date; "
                        "persons first referred late in {year} have had less time to "
                        "complete a step.",
    "report.dq_intro": "The figures rest on the files below. Rows that fail a check are held "
                       "back (quarantined) and not counted until the province corrects them; "
                       "records that load but look wrong are listed as findings.",
    "report.as_of_rule": "As of: the latest referral-step date the database holds from the "
                         "file; for a file that reported no dated step (fines files, files "
                         "that could not be read), the date it was received.",
    "report.caveats": "Caveats",
    "report.caveat_year": "Persons are counted in the year of their first recorded referral "
                          "step. Persons with no dated step have no monitoring year and are "
                          "not in the figures for {year}.",
    "report.caveat_identified": "Identified victims come from the Thai screening only: Bokeo "
                                "records whether a screening took place, not its outcome.",
    "report.caveat_linkage": "A person recorded on both sides is counted once when the two "
                             "records could be linked; records that could not be linked may "
                             "count the same person twice.",
    "report.caveat_suppression": "Counts from 1 to {k1} are shown as <{k}. Where a total would "
                                 "reveal a hidden count, further cells are hidden and also "
                                 "shown as <{k}: such a cell may hold {k} or more.",
    "report.caveat_not_shown": "–: not shown (a share, median or other statistic over fewer "
                               "than {k} persons) or no data.",
    "report.caveat_fx": "Amounts are converted at approximate annual average rates shipped for "
                        "demonstration; a deployment replaces them with the central banks' "
                        "official rates.",
    "report.disclosure": "The people counted here are victims of serious crime, and small "
                         "numbers can identify them. Every count of persons in this report "
                         "and its data package from 1 to {k1} is shown as <{k} (0 stays 0); "
                         "further cells are hidden wherever a row or column total would "
                         "reveal a hidden count; no share, median or other statistic over "
                         "fewer than {k} persons is shown. Row counts of the files received "
                         "are protected in the same way. No individual record and no free "
                         "text is published.",
    "report.package": "The tables of this report are published with it as CSV files (UTF-8), "
                      "in one Excel workbook (one sheet per table) and with a manifest "
                      "(manifest.json) that gives each table's titles, columns, which "
                      "columns count persons, the threshold k and the provenance of the data "
                      "(files with their SHA-256, data quality, software version).",
    "report.definitions": "Definitions",
    # ------------------------------------------------------------------ checks (rules)
    "rule.vocabulary": "Value not in the accepted list",
    "rule.not_a_date": "Not a date",
    "rule.invalid_date": "Date that does not exist",
    "rule.not_whole_number": "Not a whole number",
    "rule.not_an_amount": "Not an amount",
    "rule.two_currencies": "Two currencies in one amount",
    "rule.not_a_currency": "Not a currency",
    "rule.not_a_year": "Not a year",
    "rule.not_kip": "Immigration fine not in kip",
    "rule.missing_required": "Required value missing",
    "rule.future_date": "Date in the future",
    "rule.before_min_date": "Date too early",
    "rule.date_window": "Date outside the accepted period",
    "rule.negative": "Negative number",
    "rule.above_max": "Number too large",
    "rule.below_min": "Number too small",
    "rule.range": "Number outside the accepted range",
    "rule.birth_year_range": "Year of birth outside the accepted range",
    "rule.currency_conflict": "Currencies that contradict each other",
    "rule.duplicate_person_ref": "Person number used twice",
    "rule.unknown_person": "Person not found in the persons list",
    "rule.person_quarantined": "Person's own row held back",
    "finding.malformed_link_key": "Malformed cross-border link key",
    "finding.conflict_sex": "The provinces disagree on sex",
    "finding.conflict_nationality": "The provinces disagree on nationality",
    "finding.formula_without_value": "Formula without a saved value",
    "finding.step_order": "Referral steps dated out of order",
}

TH: dict[str, str] = {
    "report.title": "รายงานประจำปี {year}",
    "report.subtitle": "การค้ามนุษย์: การติดตามร่วมไทย – สปป.ลาว เชียงราย – บ่อแก้ว",
    "report.year_line": "ปีที่ติดตาม ค.ศ. {year} (พ.ศ. {be_year}): บุคคลที่ขั้นตอนการส่งต่อแรก"
                        "ที่บันทึกไว้เกิดขึ้นในปี {year}",
    "report.produced": "ข้อมูล ณ วันที่ {as_of} จัดทำเมื่อ {today} ด้วย tipmon {version} "
                       "ค่าเกณฑ์การปกปิด k = {k}",
    "report.footer": "จำนวน 1 ถึง {k1} แสดงเป็น <{k}",
    "report.page": "หน้า",
    "report.s_summary": "สรุป",
    "report.s_profile": "ผู้เสียหายเป็นใคร",
    "report.s_recruitment": "การชักชวน การแสวงประโยชน์ และการควบคุม",
    "report.s_debt": "หนี้และค่าปรับ",
    "report.s_durations": "ระยะเวลาการส่งต่อ",
    "report.s_rights": "สิทธิของผู้เสียหายและการประสานงาน",
    "report.s_quality": "คุณภาพข้อมูลและข้อควรระวัง",
    "report.s_methods": "ภาคผนวกวิธีการ",
    "report.key_figures": "ตัวเลขสำคัญปี {year} เทียบกับปี {previous}",
    "report.by_nationality": "ผู้ที่ถูกส่งต่อครั้งแรกในปี {year} จำแนกตามสัญชาติ",
    "report.potential_by_nationality": "ผู้ที่อาจเป็นผู้เสียหายในปี {year} จำแนกตามสัญชาติ",
    "report.identified_by_nationality": "ผู้เสียหายที่ผ่านการคัดแยกในปี {year} จำแนกตามสัญชาติ",
    "report.potential_by_direction": "ผู้ที่อาจเป็นผู้เสียหายในปี {year} จำแนกตามทิศทางการเดินทาง "
                                     "(สัญชาติ → ประเทศที่ถูกแสวงประโยชน์)",
    "report.identified_by_direction": "ผู้เสียหายที่ผ่านการคัดแยกในปี {year} "
                                      "จำแนกตามทิศทางการเดินทาง",
    "report.potential_by_sex": "ผู้ที่อาจเป็นผู้เสียหายในปี {year} จำแนกตามเพศ",
    "report.potential_by_age_band": "ผู้ที่อาจเป็นผู้เสียหายในปี {year} จำแนกตามกลุ่มอายุ",
    "report.potential_by_sources": "ผู้ที่อาจเป็นผู้เสียหายในปี {year} "
                                   "จำแนกตามจังหวัด/แขวงที่บันทึก",
    "report.channel_counts": "จำนวนผู้เสียหายตามช่องทางการชักชวน ปี {year}",
    "report.channel_shares": "ช่องทางการชักชวน: สัดส่วนของผู้เสียหายที่ทราบช่องทาง ปี {year} (%)",
    "report.channels": "ผู้ที่ถูกส่งต่อครั้งแรกในปี {year} ถูกชักชวนอย่างไร",
    "report.exploitation_counts": "จำนวนผู้เสียหายตามรูปแบบการแสวงประโยชน์ ปี {year}",
    "report.exploitation_shares": "รูปแบบการแสวงประโยชน์: สัดส่วนของผู้เสียหายที่ทราบรูปแบบ "
                                  "ปี {year} (%)",
    "report.exploitation": "รูปแบบการแสวงประโยชน์ ปี {year}",
    "report.control_means_counts": "จำนวนผู้เสียหายตามวิธีการควบคุม ปี {year}",
    "report.control_means_shares": "วิธีการควบคุม: สัดส่วนของผู้เสียหายที่ทราบวิธีการ "
                                   "ปี {year} (%)",
    "report.control_means": "วิธีการควบคุมที่รายงาน ปี {year}",
    "report.debt": "พันธนาการหนี้และขนาดของหนี้ ปี {year}",
    "report.debt_bands": "ผู้เสียหายจำแนกตามขนาดของหนี้ ปี {year} (ดอลลาร์สหรัฐ)",
    "report.fines_by_reason": "ค่าปรับที่นายจ้างเรียกเก็บในปี {year} จำแนกตามเหตุผล",
    "report.fines_chart": "จำนวนครั้งที่ถูกปรับ จำแนกตามเหตุผล ปี {year}",
    "report.fined_per_person": "ค่าปรับรวมต่อคนในปี {year} (ทุกเหตุผลรวมกัน)",
    "report.durations": "จำนวนวันระหว่างขั้นตอนการส่งต่อ ของผู้ที่ถูกส่งต่อครั้งแรกในปี {year}",
    "report.durations_chart": "ค่ามัธยฐานและเปอร์เซ็นไทล์ที่ 90 ของจำนวนวันระหว่างขั้นตอน"
                              "การส่งต่อ ปี {year} เทียบกับเกณฑ์",
    "report.duration_bands": "จำนวนคนตามจำนวนวันระหว่างขั้นตอนการส่งต่อ รวมผู้ที่ยังรอดำเนินการ "
                             "ปี {year}",
    "report.benchmarks": "เกณฑ์ (เส้นประ): ส่งมอบภายใน 10 วันหลังการช่วยเหลือ "
                         "ส่งกลับภูมิลำเนาภายใน 6 เดือน (182 วัน)",
    "report.rights": "สิทธิของผู้เสียหายใน สปป.ลาว ปี {year}",
    "report.agencies_per_case": "จำนวนหน่วยงานที่ร่วมดำเนินการในแต่ละกรณี (ทั้งสองฝ่ายรวมกัน) "
                                "ปี {year}",
    "report.coordination_channels": "ขั้นตอนการส่งต่อที่ประสานผ่านช่องทางไม่เป็นทางการ "
                                    "ปี {year} จำแนกตามแหล่งข้อมูล",
    "report.completeness": "ช่องข้อมูลสำคัญที่กรอกในบันทึกของผู้ที่ถูกส่งต่อครั้งแรกในปี {year} "
                           "จำแนกตามแหล่งข้อมูล (%)",
    "report.timeliness": "จำนวนวันจากขั้นตอนการส่งต่อในปี {year} ถึงวันที่ได้รับไฟล์"
                         "ที่รายงานขั้นตอนนั้นเป็นครั้งแรก",
    "report.quarantine_outstanding": "ปัญหาที่ยังค้างอยู่ในไฟล์ล่าสุด (แถวที่กักไว้จนกว่า"
                                     "จังหวัด/แขวงจะแก้ไข)",
    "report.dq_findings": "บันทึกที่นำเข้าแล้วแต่ควรตรวจสอบ จำแนกตามประเภท",
    "report.files": "ไฟล์ข้อมูลที่ได้รับ (แหล่งที่มา)",
    "report.fx_rates": "อัตราแลกเปลี่ยนที่ใช้สำหรับปี {year} (หน่วยต่อหนึ่งดอลลาร์สหรัฐ)",
    "report.package_tables": "ตารางในชุดข้อมูล",
    "report.col.category": "ประเภท",
    "report.col.year": "ปี",
    "report.col.share_pct": "สัดส่วน (%)",
    "report.col.indicator": "ตัวชี้วัด",
    "report.col.numerator": "คน",
    "report.col.denominator": "จากทั้งหมด",
    "report.col.rule": "การตรวจสอบที่ไม่ผ่าน",
    "report.col.problems": "จำนวนปัญหา",
    "report.col.finding": "ประเภท",
    "report.col.findings": "จำนวนบันทึก",
    "report.col.seq": "ลำดับ",
    "report.col.as_of": "ข้อมูล ณ วันที่",
    "report.col.as_of_basis": "วันที่ข้อมูลจาก",
    "report.col.sha256": "SHA-256",
    "report.col.currency": "สกุลเงิน",
    "report.col.units_per_usd": "หน่วยต่อดอลลาร์สหรัฐ",
    "report.col.source_note": "ที่มาของอัตรา",
    "report.col.table": "ตาราง",
    "report.col.file": "ไฟล์",
    "report.col.from_step": "จากขั้นตอน",
    "report.col.to_step": "ถึงขั้นตอน",
    "report.col.band": "จำนวนวัน",
    "report.basis.latest_step": "วันที่ของขั้นตอนล่าสุด",
    "report.basis.ingest_date": "วันที่ได้รับไฟล์",
    "report.how_to_read": "ผู้ที่อาจเป็นผู้เสียหาย: ทุกคนที่ถูกส่งต่อ ไม่ว่าฝั่งใด "
                          "ผู้เสียหายที่ผ่านการคัดแยก: ผู้ที่การคัดแยกของฝ่ายไทยระบุว่าเป็นผู้เสียหาย "
                          "การเปลี่ยนแปลงจะแสดงเฉพาะเมื่อแสดงตัวเลขของทั้งสองปี",
    "report.shares_note": "หนึ่งคนอาจมีได้หลายค่า สัดส่วนจึงรวมกันได้เกิน 100% "
                          "ไม่แสดงสัดส่วน (–) เมื่อมีผู้ที่มีค่านั้นน้อยกว่า {k} คน",
    "report.open_note": "นับผู้ที่ยังรอดำเนินการถึงวันที่ {as_of} ซึ่งเป็นวันที่ของข้อมูล "
                        "ผู้ที่ถูกส่งต่อครั้งแรกช่วงปลายปี {year} มีเวลาน้อยกว่าในการผ่านขั้นตอน",
    "report.dq_intro": "ตัวเลขทั้งหมดมาจากไฟล์ด้านล่าง แถวที่ไม่ผ่านการตรวจสอบจะถูกกักไว้"
                       "และไม่นับจนกว่าจังหวัด/แขวงจะแก้ไข บันทึกที่นำเข้าได้แต่ดูผิดปกติ"
                       "แสดงเป็นรายการที่ควรตรวจสอบ",
    "report.as_of_rule": "ข้อมูล ณ วันที่: วันที่ล่าสุดของขั้นตอนการส่งต่อที่ฐานข้อมูลมีจากไฟล์นั้น "
                         "สำหรับไฟล์ที่ไม่มีขั้นตอนที่ระบุวันที่ (ไฟล์ค่าปรับ ไฟล์ที่อ่านไม่ได้) "
                         "ใช้วันที่ได้รับไฟล์",
    "report.caveats": "ข้อควรระวัง",
    "report.caveat_year": "นับบุคคลในปีของขั้นตอนการส่งต่อแรกที่บันทึกไว้ ผู้ที่ไม่มีขั้นตอนใด"
                          "ที่ระบุวันที่จะไม่มีปีที่ติดตาม และไม่อยู่ในตัวเลขของปี {year}",
    "report.caveat_identified": "ผู้เสียหายที่ผ่านการคัดแยกมาจากการคัดแยกของฝ่ายไทยเท่านั้น "
                                "บ่อแก้วบันทึกว่ามีการคัดแยกหรือไม่ แต่ไม่ได้บันทึกผล",
    "report.caveat_linkage": "บุคคลที่ถูกบันทึกทั้งสองฝั่งนับเป็นหนึ่งคนเมื่อเชื่อมโยงบันทึกทั้งสองได้ "
                             "บันทึกที่เชื่อมโยงไม่ได้อาจนับคนเดียวกันสองครั้ง",
    "report.caveat_suppression": "จำนวน 1 ถึง {k1} แสดงเป็น <{k} และหากยอดรวมจะทำให้คำนวณ"
                                 "จำนวนที่ปกปิดได้ จะปกปิดช่องอื่นเพิ่มและแสดงเป็น <{k} เช่นกัน "
                                 "ช่องดังกล่าวอาจมีค่า {k} หรือมากกว่า",
    "report.caveat_not_shown": "–: ไม่แสดง (สัดส่วน ค่ามัธยฐาน หรือค่าสถิติอื่นที่คำนวณจาก"
                               "น้อยกว่า {k} คน) หรือไม่มีข้อมูล",
    "report.caveat_fx": "จำนวนเงินแปลงด้วยอัตราเฉลี่ยรายปีโดยประมาณที่มากับระบบเพื่อการสาธิต "
                        "เมื่อใช้งานจริงให้แทนด้วยอัตราทางการของธนาคารกลาง",
    "report.disclosure": "บุคคลที่ถูกนับในรายงานนี้เป็นผู้เสียหายจากอาชญากรรมร้ายแรง "
                         "ตัวเลขที่น้อยอาจระบุตัวตนได้ จำนวนบุคคลทุกจำนวนในรายงานและชุดข้อมูลนี้"
                         "ที่อยู่ระหว่าง 1 ถึง {k1} แสดงเป็น <{k} (0 ยังคงเป็น 0) "
                         "ปกปิดช่องอื่นเพิ่มเมื่อยอดรวมของแถวหรือคอลัมน์จะทำให้คำนวณจำนวน"
                         "ที่ปกปิดได้ และไม่แสดงสัดส่วน ค่ามัธยฐาน หรือค่าสถิติอื่นที่คำนวณจาก"
                         "น้อยกว่า {k} คน จำนวนแถวของไฟล์ที่ได้รับได้รับการคุ้มครองแบบเดียวกัน "
                         "ไม่มีการเผยแพร่ข้อมูลรายบุคคลหรือข้อความอิสระ",
    "report.package": "ตารางของรายงานนี้เผยแพร่พร้อมกันเป็นไฟล์ CSV (UTF-8) สมุดงาน Excel "
                      "หนึ่งไฟล์ (หนึ่งแผ่นงานต่อหนึ่งตาราง) และไฟล์กำกับ (manifest.json) "
                      "ที่ระบุชื่อตาราง คอลัมน์ คอลัมน์ที่นับจำนวนคน ค่าเกณฑ์ k "
                      "และแหล่งที่มาของข้อมูล (ไฟล์พร้อมค่า SHA-256 คุณภาพข้อมูล รุ่นของซอฟต์แวร์)",
    "report.definitions": "นิยาม",
    "rule.vocabulary": "ค่าไม่อยู่ในรายการที่กำหนด",
    "rule.not_a_date": "ไม่ใช่วันที่",
    "rule.invalid_date": "วันที่ไม่มีอยู่จริง",
    "rule.not_whole_number": "ไม่ใช่จำนวนเต็ม",
    "rule.not_an_amount": "ไม่ใช่จำนวนเงิน",
    "rule.two_currencies": "มีสองสกุลเงินในจำนวนเดียว",
    "rule.not_a_currency": "ไม่ใช่สกุลเงิน",
    "rule.not_a_year": "ไม่ใช่ปี",
    "rule.not_kip": "ค่าปรับตรวจคนเข้าเมืองไม่ใช่เงินกีบ",
    "rule.missing_required": "ไม่มีค่าที่ต้องกรอก",
    "rule.future_date": "วันที่อยู่ในอนาคต",
    "rule.before_min_date": "วันที่เก่าเกินไป",
    "rule.date_window": "วันที่อยู่นอกช่วงที่กำหนด",
    "rule.negative": "ตัวเลขติดลบ",
    "rule.above_max": "ตัวเลขมากเกินไป",
    "rule.below_min": "ตัวเลขน้อยเกินไป",
    "rule.range": "ตัวเลขอยู่นอกช่วงที่กำหนด",
    "rule.birth_year_range": "ปีเกิดอยู่นอกช่วงที่กำหนด",
    "rule.currency_conflict": "สกุลเงินขัดแย้งกัน",
    "rule.duplicate_person_ref": "รหัสผู้เสียหายซ้ำ",
    "rule.unknown_person": "ไม่พบบุคคลในรายชื่อผู้เสียหาย",
    "rule.person_quarantined": "แถวของบุคคลนั้นถูกกักไว้",
    "finding.malformed_link_key": "รหัสเชื่อมโยงข้ามแดนผิดรูปแบบ",
    "finding.conflict_sex": "สองฝ่ายบันทึกเพศไม่ตรงกัน",
    "finding.conflict_nationality": "สองฝ่ายบันทึกสัญชาติไม่ตรงกัน",
    "finding.formula_without_value": "สูตรที่ไม่มีค่าที่บันทึกไว้",
    "finding.step_order": "วันที่ของขั้นตอนการส่งต่อเรียงลำดับผิด",
}

LO: dict[str, str] = {
    "report.title": "ລາຍງານປະຈຳປີ {year}",
    "report.subtitle": "ການຄ້າມະນຸດ: ການຕິດຕາມຮ່ວມ ໄທ – ສປປ ລາວ, ຊຽງຣາຍ – ບໍ່ແກ້ວ",
    "report.year_line": "ປີຕິດຕາມ {year}: ບຸກຄົນທີ່ຂັ້ນຕອນການສົ່ງຕໍ່ທຳອິດທີ່ບັນທຶກໄວ້ ເກີດຂຶ້ນໃນປີ "
                        "{year}.",
    "report.produced": "ຂໍ້ມູນ ນະວັນທີ {as_of}. ຈັດທຳວັນທີ {today} ດ້ວຍ tipmon {version}. "
                       "ຄ່າເກນການປິດບັງ k = {k}.",
    "report.footer": "ຈຳນວນ 1 ຫາ {k1} ສະແດງເປັນ <{k}",
    "report.page": "ໜ້າ",
    "report.s_summary": "ສະຫຼຸບ",
    "report.s_profile": "ຜູ້ຖືກເຄາະຮ້າຍແມ່ນໃຜ",
    "report.s_recruitment": "ການຊັກຊວນ, ການຂູດຮີດ ແລະ ການຄວບຄຸມ",
    "report.s_debt": "ໜີ້ສິນ ແລະ ຄ່າປັບໃໝ",
    "report.s_durations": "ໄລຍະເວລາການສົ່ງຕໍ່",
    "report.s_rights": "ສິດຂອງຜູ້ຖືກເຄາະຮ້າຍ ແລະ ການປະສານງານ",
    "report.s_quality": "ຄຸນນະພາບຂໍ້ມູນ ແລະ ຂໍ້ຄວນລະວັງ",
    "report.s_methods": "ເອກະສານຊ້ອນທ້າຍ: ວິທີການ",
    "report.key_figures": "ຕົວເລກສຳຄັນປີ {year} ທຽບກັບປີ {previous}",
    "report.by_nationality": "ຜູ້ທີ່ຖືກສົ່ງຕໍ່ຄັ້ງທຳອິດໃນປີ {year} ຕາມສັນຊາດ",
    "report.potential_by_nationality": "ຜູ້ທີ່ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍໃນປີ {year} ຕາມສັນຊາດ",
    "report.identified_by_nationality": "ຜູ້ຖືກເຄາະຮ້າຍທີ່ໄດ້ຮັບການຢັ້ງຢືນໃນປີ {year} ຕາມສັນຊາດ",
    "report.potential_by_direction": "ຜູ້ທີ່ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍໃນປີ {year} ຕາມທິດທາງການເດີນທາງ "
                                     "(ສັນຊາດ → ປະເທດທີ່ຖືກຂູດຮີດ)",
    "report.identified_by_direction": "ຜູ້ຖືກເຄາະຮ້າຍທີ່ໄດ້ຮັບການຢັ້ງຢືນໃນປີ {year} "
                                      "ຕາມທິດທາງການເດີນທາງ",
    "report.potential_by_sex": "ຜູ້ທີ່ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍໃນປີ {year} ຕາມເພດ",
    "report.potential_by_age_band": "ຜູ້ທີ່ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍໃນປີ {year} ຕາມກຸ່ມອາຍຸ",
    "report.potential_by_sources": "ຜູ້ທີ່ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍໃນປີ {year} ຕາມແຂວງທີ່ບັນທຶກ",
    "report.channel_counts": "ຈຳນວນຜູ້ຖືກເຄາະຮ້າຍຕາມຊ່ອງທາງການຊັກຊວນ ປີ {year}",
    "report.channel_shares": "ຊ່ອງທາງການຊັກຊວນ: ອັດຕາສ່ວນຂອງຜູ້ຖືກເຄາະຮ້າຍທີ່ຮູ້ຊ່ອງທາງ "
                             "ປີ {year} (%)",
    "report.channels": "ຜູ້ທີ່ຖືກສົ່ງຕໍ່ຄັ້ງທຳອິດໃນປີ {year} ຖືກຊັກຊວນແນວໃດ",
    "report.exploitation_counts": "ຈຳນວນຜູ້ຖືກເຄາະຮ້າຍຕາມຮູບແບບການຂູດຮີດ ປີ {year}",
    "report.exploitation_shares": "ຮູບແບບການຂູດຮີດ: ອັດຕາສ່ວນຂອງຜູ້ຖືກເຄາະຮ້າຍທີ່ຮູ້ຮູບແບບ "
                                  "ປີ {year} (%)",
    "report.exploitation": "ຮູບແບບການຂູດຮີດ ປີ {year}",
    "report.control_means_counts": "ຈຳນວນຜູ້ຖືກເຄາະຮ້າຍຕາມວິທີການຄວບຄຸມ ປີ {year}",
    "report.control_means_shares": "ວິທີການຄວບຄຸມ: ອັດຕາສ່ວນຂອງຜູ້ຖືກເຄາະຮ້າຍທີ່ຮູ້ວິທີການ "
                                   "ປີ {year} (%)",
    "report.control_means": "ວິທີການຄວບຄຸມທີ່ລາຍງານ ປີ {year}",
    "report.debt": "ການເປັນໜີ້ແບບຜູກມັດ ແລະ ຂະໜາດຂອງໜີ້ສິນ ປີ {year}",
    "report.debt_bands": "ຜູ້ຖືກເຄາະຮ້າຍຕາມຂະໜາດຂອງໜີ້ສິນ ປີ {year} (ໂດລາສະຫະລັດ)",
    "report.fines_by_reason": "ຄ່າປັບໃໝທີ່ນາຍຈ້າງເກັບໃນປີ {year} ຕາມເຫດຜົນ",
    "report.fines_chart": "ຈຳນວນຄັ້ງທີ່ຖືກປັບໃໝ ຕາມເຫດຜົນ ປີ {year}",
    "report.fined_per_person": "ຄ່າປັບໃໝລວມຕໍ່ຄົນໃນປີ {year} (ທຸກເຫດຜົນລວມກັນ)",
    "report.durations": "ຈຳນວນມື້ລະຫວ່າງຂັ້ນຕອນການສົ່ງຕໍ່ ຂອງຜູ້ທີ່ຖືກສົ່ງຕໍ່ຄັ້ງທຳອິດໃນປີ {year}",
    "report.durations_chart": "ຄ່າກາງ ແລະ ເປີເຊັນໄທລ໌ທີ 90 ຂອງຈຳນວນມື້ລະຫວ່າງຂັ້ນຕອນການສົ່ງຕໍ່ "
                              "ປີ {year} ທຽບກັບມາດຖານ",
    "report.duration_bands": "ຈຳນວນຄົນຕາມຈຳນວນມື້ລະຫວ່າງຂັ້ນຕອນການສົ່ງຕໍ່ ລວມທັງຜູ້ທີ່ຍັງລໍຖ້າ"
                             "ດຳເນີນການ ປີ {year}",
    "report.benchmarks": "ມາດຖານ (ເສັ້ນຈ້ຳ): ສົ່ງມອບພາຍໃນ 10 ມື້ຫຼັງການຊ່ວຍເຫຼືອ; "
                         "ສົ່ງກັບຄືນພູມລຳເນົາພາຍໃນ 6 ເດືອນ (182 ມື້).",
    "report.rights": "ສິດຂອງຜູ້ຖືກເຄາະຮ້າຍໃນ ສປປ ລາວ ປີ {year}",
    "report.agencies_per_case": "ຈຳນວນອົງການທີ່ຮ່ວມດຳເນີນການໃນແຕ່ລະກໍລະນີ (ທັງສອງຝ່າຍລວມກັນ) "
                                "ປີ {year}",
    "report.coordination_channels": "ຂັ້ນຕອນການສົ່ງຕໍ່ທີ່ປະສານຜ່ານຊ່ອງທາງບໍ່ເປັນທາງການ ປີ {year} "
                                    "ຕາມແຫຼ່ງຂໍ້ມູນ",
    "report.completeness": "ຂໍ້ມູນສຳຄັນທີ່ປ້ອນໃນບັນທຶກຂອງຜູ້ທີ່ຖືກສົ່ງຕໍ່ຄັ້ງທຳອິດໃນປີ {year} "
                           "ຕາມແຫຼ່ງຂໍ້ມູນ (%)",
    "report.timeliness": "ຈຳນວນມື້ຈາກຂັ້ນຕອນການສົ່ງຕໍ່ໃນປີ {year} ເຖິງວັນທີໄດ້ຮັບໄຟລ໌"
                         "ທີ່ລາຍງານຂັ້ນຕອນນັ້ນເປັນຄັ້ງທຳອິດ",
    "report.quarantine_outstanding": "ບັນຫາທີ່ຍັງຄ້າງຢູ່ໃນໄຟລ໌ຫຼ້າສຸດ (ແຖວທີ່ກັກໄວ້ຈົນກວ່າແຂວງ"
                                     "ຈະແກ້ໄຂ)",
    "report.dq_findings": "ບັນທຶກທີ່ນຳເຂົ້າແລ້ວ ແຕ່ຄວນກວດເບິ່ງ ຕາມປະເພດ",
    "report.files": "ໄຟລ໌ຂໍ້ມູນທີ່ໄດ້ຮັບ (ແຫຼ່ງທີ່ມາ)",
    "report.fx_rates": "ອັດຕາແລກປ່ຽນທີ່ໃຊ້ສຳລັບປີ {year} (ຫົວໜ່ວຍຕໍ່ໜຶ່ງໂດລາສະຫະລັດ)",
    "report.package_tables": "ຕາຕະລາງໃນຊຸດຂໍ້ມູນ",
    "report.col.category": "ປະເພດ",
    "report.col.year": "ປີ",
    "report.col.share_pct": "ອັດຕາສ່ວນ (%)",
    "report.col.indicator": "ຕົວຊີ້ວັດ",
    "report.col.numerator": "ຄົນ",
    "report.col.denominator": "ຈາກທັງໝົດ",
    "report.col.rule": "ການກວດທີ່ບໍ່ຜ່ານ",
    "report.col.problems": "ຈຳນວນບັນຫາ",
    "report.col.finding": "ປະເພດ",
    "report.col.findings": "ຈຳນວນບັນທຶກ",
    "report.col.seq": "ລຳດັບ",
    "report.col.as_of": "ຂໍ້ມູນ ນະວັນທີ",
    "report.col.as_of_basis": "ວັນທີຂໍ້ມູນຈາກ",
    "report.col.sha256": "SHA-256",
    "report.col.currency": "ສະກຸນເງິນ",
    "report.col.units_per_usd": "ຫົວໜ່ວຍຕໍ່ໂດລາສະຫະລັດ",
    "report.col.source_note": "ແຫຼ່ງທີ່ມາຂອງອັດຕາ",
    "report.col.table": "ຕາຕະລາງ",
    "report.col.file": "ໄຟລ໌",
    "report.col.from_step": "ຈາກຂັ້ນຕອນ",
    "report.col.to_step": "ເຖິງຂັ້ນຕອນ",
    "report.col.band": "ຈຳນວນມື້",
    "report.basis.latest_step": "ວັນທີຂອງຂັ້ນຕອນຫຼ້າສຸດ",
    "report.basis.ingest_date": "ວັນທີໄດ້ຮັບໄຟລ໌",
    "report.how_to_read": "ຜູ້ທີ່ອາດເປັນຜູ້ຖືກເຄາະຮ້າຍ: ທຸກຄົນທີ່ຖືກສົ່ງຕໍ່ ບໍ່ວ່າຝັ່ງໃດ. "
                          "ຜູ້ຖືກເຄາະຮ້າຍທີ່ໄດ້ຮັບການຢັ້ງຢືນ: ຜູ້ທີ່ການຄັດແຍກຂອງຝ່າຍໄທຢັ້ງຢືນວ່າ"
                          "ເປັນຜູ້ຖືກເຄາະຮ້າຍ. ການປ່ຽນແປງສະແດງສະເພາະເມື່ອສະແດງຕົວເລກຂອງທັງສອງປີ.",
    "report.shares_note": "ຄົນໜຶ່ງອາດມີຫຼາຍຄ່າ, ອັດຕາສ່ວນຈຶ່ງລວມກັນໄດ້ເກີນ 100%. "
                          "ບໍ່ສະແດງອັດຕາສ່ວນ (–) ເມື່ອມີຜູ້ທີ່ມີຄ່ານັ້ນໜ້ອຍກວ່າ {k} ຄົນ.",
    "report.open_note": "ນັບຜູ້ທີ່ຍັງລໍຖ້າດຳເນີນການເຖິງວັນທີ {as_of} ເຊິ່ງເປັນວັນທີຂອງຂໍ້ມູນ; "
                        "ຜູ້ທີ່ຖືກສົ່ງຕໍ່ຄັ້ງທຳອິດໃນທ້າຍປີ {year} ມີເວລາໜ້ອຍກວ່າໃນການຜ່ານຂັ້ນຕອນ.",
    "report.dq_intro": "ຕົວເລກທັງໝົດມາຈາກໄຟລ໌ຂ້າງລຸ່ມນີ້. ແຖວທີ່ບໍ່ຜ່ານການກວດຈະຖືກກັກໄວ້ "
                       "ແລະ ບໍ່ນັບຈົນກວ່າແຂວງຈະແກ້ໄຂ; ບັນທຶກທີ່ນຳເຂົ້າໄດ້ ແຕ່ເບິ່ງຄືຜິດປົກກະຕິ "
                       "ສະແດງເປັນລາຍການທີ່ຄວນກວດເບິ່ງ.",
    "report.as_of_rule": "ຂໍ້ມູນ ນະວັນທີ: ວັນທີຫຼ້າສຸດຂອງຂັ້ນຕອນການສົ່ງຕໍ່ທີ່ຖານຂໍ້ມູນມີຈາກໄຟລ໌ນັ້ນ; "
                         "ສຳລັບໄຟລ໌ທີ່ບໍ່ມີຂັ້ນຕອນທີ່ມີວັນທີ (ໄຟລ໌ຄ່າປັບໃໝ, ໄຟລ໌ທີ່ອ່ານບໍ່ໄດ້) "
                         "ໃຊ້ວັນທີໄດ້ຮັບໄຟລ໌.",
    "report.caveats": "ຂໍ້ຄວນລະວັງ",
    "report.caveat_year": "ບຸກຄົນຖືກນັບໃນປີຂອງຂັ້ນຕອນການສົ່ງຕໍ່ທຳອິດທີ່ບັນທຶກໄວ້. ຜູ້ທີ່ບໍ່ມີຂັ້ນຕອນໃດ"
                          "ທີ່ມີວັນທີ ບໍ່ມີປີຕິດຕາມ ແລະ ບໍ່ຢູ່ໃນຕົວເລກຂອງປີ {year}.",
    "report.caveat_identified": "ຜູ້ຖືກເຄາະຮ້າຍທີ່ໄດ້ຮັບການຢັ້ງຢືນມາຈາກການຄັດແຍກຂອງຝ່າຍໄທເທົ່ານັ້ນ: "
                                "ບໍ່ແກ້ວບັນທຶກວ່າມີການຄັດແຍກຫຼືບໍ່ ແຕ່ບໍ່ໄດ້ບັນທຶກຜົນ.",
    "report.caveat_linkage": "ບຸກຄົນທີ່ຖືກບັນທຶກທັງສອງຝັ່ງນັບເປັນໜຶ່ງຄົນ ເມື່ອເຊື່ອມໂຍງບັນທຶກທັງສອງໄດ້; "
                             "ບັນທຶກທີ່ເຊື່ອມໂຍງບໍ່ໄດ້ອາດນັບຄົນດຽວກັນສອງເທື່ອ.",
    "report.caveat_suppression": "ຈຳນວນ 1 ຫາ {k1} ສະແດງເປັນ <{k}. ບ່ອນທີ່ຍອດລວມຈະເຮັດໃຫ້ຄິດໄລ່"
                                 "ຈຳນວນທີ່ປິດບັງໄດ້ ຈະປິດບັງຫ້ອງອື່ນຕື່ມ ແລະ ສະແດງເປັນ <{k} ຄືກັນ: "
                                 "ຫ້ອງດັ່ງກ່າວອາດມີຄ່າ {k} ຫຼື ຫຼາຍກວ່າ.",
    "report.caveat_not_shown": "–: ບໍ່ສະແດງ (ອັດຕາສ່ວນ, ຄ່າກາງ ຫຼື ຄ່າສະຖິຕິອື່ນທີ່ຄິດຈາກໜ້ອຍກວ່າ "
                               "{k} ຄົນ) ຫຼື ບໍ່ມີຂໍ້ມູນ.",
    "report.caveat_fx": "ຈຳນວນເງິນປ່ຽນດ້ວຍອັດຕາສະເລ່ຍປະຈຳປີໂດຍປະມານທີ່ມາພ້ອມລະບົບເພື່ອການສາທິດ; "
                        "ເມື່ອນຳໃຊ້ຕົວຈິງ ໃຫ້ປ່ຽນເປັນອັດຕາທາງການຂອງທະນາຄານກາງ.",
    "report.disclosure": "ບຸກຄົນທີ່ຖືກນັບໃນລາຍງານນີ້ແມ່ນຜູ້ຖືກເຄາະຮ້າຍຈາກອາຊະຍາກຳຮ້າຍແຮງ, "
                         "ຕົວເລກນ້ອຍອາດລະບຸຕົວຕົນໄດ້. ຈຳນວນບຸກຄົນທຸກຈຳນວນໃນລາຍງານ ແລະ "
                         "ຊຸດຂໍ້ມູນນີ້ ທີ່ຢູ່ລະຫວ່າງ 1 ຫາ {k1} ສະແດງເປັນ <{k} (0 ຍັງເປັນ 0); "
                         "ຈະປິດບັງຫ້ອງອື່ນຕື່ມ ເມື່ອຍອດລວມຂອງແຖວ ຫຼື ຖັນ ຈະເຮັດໃຫ້ຄິດໄລ່ຈຳນວນ"
                         "ທີ່ປິດບັງໄດ້; ບໍ່ສະແດງອັດຕາສ່ວນ, ຄ່າກາງ ຫຼື ຄ່າສະຖິຕິອື່ນທີ່ຄິດຈາກ"
                         "ໜ້ອຍກວ່າ {k} ຄົນ. ຈຳນວນແຖວຂອງໄຟລ໌ທີ່ໄດ້ຮັບ ໄດ້ຮັບການປົກປ້ອງແບບດຽວກັນ. "
                         "ບໍ່ມີການເຜີຍແຜ່ຂໍ້ມູນລາຍບຸກຄົນ ຫຼື ຂໍ້ຄວາມອິດສະຫຼະ.",
    "report.package": "ຕາຕະລາງຂອງລາຍງານນີ້ເຜີຍແຜ່ພ້ອມກັນເປັນໄຟລ໌ CSV (UTF-8), ປຶ້ມວຽກ Excel "
                      "ໜຶ່ງໄຟລ໌ (ໜຶ່ງແຜ່ນວຽກຕໍ່ໜຶ່ງຕາຕະລາງ) ແລະ ໄຟລ໌ກຳກັບ (manifest.json) "
                      "ທີ່ບອກຊື່ຕາຕະລາງ, ຖັນ, ຖັນທີ່ນັບຈຳນວນຄົນ, ຄ່າເກນ k ແລະ ແຫຼ່ງທີ່ມາ"
                      "ຂອງຂໍ້ມູນ (ໄຟລ໌ພ້ອມຄ່າ SHA-256, ຄຸນນະພາບຂໍ້ມູນ, ລຸ້ນຂອງຊອບແວ).",
    "report.definitions": "ນິຍາມ",
    "rule.vocabulary": "ຄ່າບໍ່ຢູ່ໃນລາຍການທີ່ກຳນົດ",
    "rule.not_a_date": "ບໍ່ແມ່ນວັນທີ",
    "rule.invalid_date": "ວັນທີທີ່ບໍ່ມີແທ້",
    "rule.not_whole_number": "ບໍ່ແມ່ນຈຳນວນເຕັມ",
    "rule.not_an_amount": "ບໍ່ແມ່ນຈຳນວນເງິນ",
    "rule.two_currencies": "ມີສອງສະກຸນເງິນໃນຈຳນວນດຽວ",
    "rule.not_a_currency": "ບໍ່ແມ່ນສະກຸນເງິນ",
    "rule.not_a_year": "ບໍ່ແມ່ນປີ",
    "rule.not_kip": "ຄ່າປັບໃໝກວດຄົນເຂົ້າເມືອງບໍ່ແມ່ນເງິນກີບ",
    "rule.missing_required": "ບໍ່ມີຄ່າທີ່ຕ້ອງປ້ອນ",
    "rule.future_date": "ວັນທີຢູ່ໃນອະນາຄົດ",
    "rule.before_min_date": "ວັນທີເກົ່າເກີນໄປ",
    "rule.date_window": "ວັນທີຢູ່ນອກໄລຍະທີ່ກຳນົດ",
    "rule.negative": "ຕົວເລກຕິດລົບ",
    "rule.above_max": "ຕົວເລກຫຼາຍເກີນໄປ",
    "rule.below_min": "ຕົວເລກໜ້ອຍເກີນໄປ",
    "rule.range": "ຕົວເລກຢູ່ນອກຂອບເຂດທີ່ກຳນົດ",
    "rule.birth_year_range": "ປີເກີດຢູ່ນອກຂອບເຂດທີ່ກຳນົດ",
    "rule.currency_conflict": "ສະກຸນເງິນຂັດແຍ່ງກັນ",
    "rule.duplicate_person_ref": "ລະຫັດບຸກຄົນຊ້ຳກັນ",
    "rule.unknown_person": "ບໍ່ພົບບຸກຄົນໃນລາຍຊື່",
    "rule.person_quarantined": "ແຖວຂອງບຸກຄົນນັ້ນຖືກກັກໄວ້",
    "finding.malformed_link_key": "ລະຫັດເຊື່ອມໂຍງຂ້າມແດນຜິດຮູບແບບ",
    "finding.conflict_sex": "ສອງຝ່າຍບັນທຶກເພດບໍ່ກົງກັນ",
    "finding.conflict_nationality": "ສອງຝ່າຍບັນທຶກສັນຊາດບໍ່ກົງກັນ",
    "finding.formula_without_value": "ສູດທີ່ບໍ່ມີຄ່າທີ່ບັນທຶກໄວ້",
    "finding.step_order": "ວັນທີຂອງຂັ້ນຕອນການສົ່ງຕໍ່ລຽງລຳດັບຜິດ",
}

CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "th": TH, "lo": LO}
LANGUAGES = tuple(CATALOGUES)


def t(key: str, lang: str, **values: object) -> str:
    """The report's words, else the dashboard's (same fallbacks: English, then the key)."""
    text = CATALOGUES.get(lang, {}).get(key) or EN.get(key)
    if text is None:
        return i18n.translate(key, lang, **values)
    return text.format(**values) if values else text
