"""English labels of the dashboard — the reference catalogue.

Every other language has the same keys and the same {placeholders} (tests/test_i18n.py).
Keys are namespaced: `<vocabulary>.<code>` for the codes of pipelines/vocab.py, `col.` for
table columns, `fmt.` for number formatting, one namespace per page for the rest.
"""

STRINGS: dict[str, str] = {
    # ------------------------------------------------------------------ number format
    "fmt.decimal": ".",
    "fmt.group": ",",
    "fmt.not_shown": "–",
    # ------------------------------------------------------------------ application
    "app.title": "Joint monitoring: trafficking in persons, Chiang Rai – Bokeo",
    "app.meeting_mode": "Meeting mode: totals only, never an individual record. "
                        "Counts from 1 to {k1} are shown as <{k}.",
    "nav.overview": "Overview",
    "nav.recruitment": "Recruitment",
    "nav.debt": "Debt and fines",
    "nav.control": "Control and exploitation",
    "nav.durations": "Referral durations",
    "nav.coordination": "Coordination",
    "nav.rights": "Rights",
    "nav.data_quality": "Data quality",
    "nav.about": "About",
    "nav.report": "Annual report",
    "report.intro": (
        "The annual report and data package for the bilateral meeting"
        " and COMMIT reporting: suppressed tables (CSV), a workbook ("
        "XLSX), the report (PDF) in each language chosen, and a manif"
        "est of where every number comes from."
    ),
    "report.year": "Year of the report",
    "report.languages": "Languages of the PDF report",
    "report.build": "Prepare the package",
    "report.building": "Preparing the report (charts and PDFs take a little while)…",
    "report.download": "Download the package (ZIP)",
    "report.ready": "Ready: {files} files.",
    # ------------------------------------------------------------------ sidebar
    "side.filters": "Filters",
    "side.years": "Years",
    "side.years_help": "Persons with no known year are counted only when the whole range is "
                       "selected.",
    "side.nationality": "Nationality",
    "side.direction": "Direction of travel",
    "side.sex": "Sex",
    "side.age_band": "Age group",
    "side.source": "Recorded by",
    "side.exploitation": "Type of exploitation",
    "side.site": "Site of exploitation",
    "side.all": "All",
    "side.be_years": "Buddhist Era years (2564 = 2021)",
    "side.clear": "Clear filters",
    # ------------------------------------------------------------------ common
    "common.year": "Year",
    "common.year_unknown": "Year unknown",
    "common.total": "Total",
    "common.persons": "Persons",
    "common.victims": "Victims",
    "common.unknown": "Unknown",
    "common.days": "Days",
    "common.share_pct": "Share of victims (%)",
    "common.as_of": "Data as of {date}.",
    "common.no_data": "No data yet. Ingest exports with `tipmon ingest data/raw` "
                      "(or run `make demo`).",
    "common.nothing": "Nothing to show for the chosen filters.",
    "common.download_csv": "Download table (CSV)",
    "common.download_xlsx": "Download table (Excel)",
    "common.suppressed": "Counts from 1 to {k1} are shown as <{k}; where a total would reveal "
                         "a hidden count, further cells are hidden too.",
    "common.secondary": "x : {k} or more, hidden so that a smaller count cannot be worked "
                        "out from the totals.",
    "common.not_shown": "– : not shown (fewer than {k} persons) or no data.",
    "common.multi_valued": "A person can have several values, so the shares of a year can add "
                           "up to more than 100%.",
    "common.filters_not_applied": "The filters do not apply to this page: it describes the "
                                  "files received from the provinces.",
    "common.label": "Category",
    # ------------------------------------------------------------------ overview
    "overview.measure": "Count",
    "measure.potential_victims": "Potential victims",
    "measure.identified_victims": "Identified victims",
    "overview.key_figures": "Key figures for {year}, compared with {previous}",
    "overview.by_nationality": "{measure} per year, by nationality",
    "overview.by_direction": "{measure} per year, by direction of travel "
                             "(nationality → country of exploitation)",
    "overview.no_year": "No monitoring year in the chosen range.",
    "figure.potential_victims": "Potential victims",
    "figure.identified_victims": "Identified victims",
    "figure.thai_nationals": "Thai nationals",
    "figure.lao_nationals": "Lao nationals",
    "col.figure": "Figure",
    "col.value": "This year",
    "col.previous": "Previous year",
    "col.change": "Change",
    "col.change_pct": "Change (%)",
    # ------------------------------------------------------------------ recruitment
    "recruitment.by_year": "How victims were recruited: share of victims per channel and "
                           "year (%)",
    "recruitment.counts": "Victims per recruitment channel and year",
    "dim.channel": "Recruitment channel",
    # ------------------------------------------------------------------ debt and fines
    "debt.bondage_chart": "Share of victims in debt bondage, per year (%)",
    "debt.size_chart": "Size of debts per year: median and 90th percentile, in {currency}",
    "debt.bands_chart": "Victims by size of debt (USD)",
    "debt.table": "Debt bondage and size of debts per year (USD and THB)",
    "debt.currency": "Currency",
    "debt.band": "Debt (USD)",
    "debt.median": "Median",
    "debt.p90": "90th percentile",
    "fines.heading": "Fines imposed by the employers",
    "fines.count_chart": "Number of fines, by reason",
    "fines.median_chart": "Median fine by reason, in {currency}",
    "fines.per_person": "Total fined per person (all reasons together)",
    "dim.fine_reason": "Reason for the fine",
    "col.persons": "Persons",
    "col.with_debt": "With a debt",
    "col.in_bondage": "In debt bondage",
    "col.with_debt_amount": "With a known debt amount",
    "col.bondage_share": "In debt bondage (%)",
    "col.median_usd": "Median (USD)",
    "col.p90_usd": "90th percentile (USD)",
    "col.max_usd": "Maximum (USD)",
    "col.median_thb": "Median (THB)",
    "col.p90_thb": "90th percentile (THB)",
    "col.max_thb": "Maximum (THB)",
    "col.fines": "Fines",
    "col.persons_fined": "Persons fined",
    # ------------------------------------------------------------------ control, exploitation
    "control.means_chart": "Means of control reported: share of victims per year (%)",
    "control.means_counts": "Victims per means of control and year",
    "control.exploitation_chart": "Type of exploitation: share of victims per year (%)",
    "control.exploitation_counts": "Victims per type of exploitation and year",
    "dim.control_means": "Means of control",
    "dim.exploitation": "Type of exploitation",
    # ------------------------------------------------------------------ referral durations
    "durations.summary_chart": "Days between referral steps: median and 90th percentile",
    "durations.bands_chart": "Victims by days between referral steps, with those still "
                             "waiting (open cases)",
    "durations.benchmark_10": "10 days: handover soon after rescue",
    "durations.benchmark_6m": "6 months: return home",
    "durations.pair": "{start} → {end}",
    "durations.steps": "Referral steps",
    "durations.median": "Median",
    "durations.p90": "90th percentile",
    "durations.open_note": "Open cases: persons who reached the first step but not yet the "
                           "second by {date}. They are counted, not left out.",
    "band.days": "{band} days",
    "band.waiting": "Still waiting (open case)",
    "col.n": "Completed both steps",
    "col.median_days": "Median (days)",
    "col.p90_days": "90th percentile (days)",
    "col.waiting": "Still waiting (open cases)",
    "col.median_waiting_days": "Median days waiting so far",
    # ------------------------------------------------------------------ coordination
    "coordination.agencies_chart": "Number of agencies working on each case (both sides "
                                   "together)",
    "coordination.agencies": "Agencies per case",
    "coordination.cases": "Cases",
    # ------------------------------------------------------------------ rights
    "rights.chart": "Rights of victims in Lao PDR, per year (%)",
    "rights.criminalised_share": "Fined or detained, % of those rescued in Lao PDR",
    "rights.screened_share": "Screened before return, % of those handed over",
    "rights.criminalisation_table": "Criminalisation: persons fined or detained by Lao "
                                    "authorities ÷ persons rescued in Lao PDR",
    "rights.screening_table": "Screening before return: persons screened in Lao PDR ÷ "
                              "persons handed over at the border",
    "col.criminalised": "Fined or detained by Lao authorities",
    "col.rescued_in_laos": "Rescued in Lao PDR",
    "col.criminalised_share": "Fined or detained (%)",
    "col.screened_before_return": "Screened in Lao PDR before return",
    "col.handed_over": "Handed over at the border",
    "col.screened_share": "Screened before return (%)",
    # ------------------------------------------------------------------ data quality
    "dq.files": "Files received: rows read, loaded and held back for correction",
    "dq.completeness_chart": "Key fields filled in the {source} records, per year (%)",
    "dq.timeliness_chart": "Days from a step to the arrival of the file reporting it: "
                           "{source} (median)",
    "col.file_name": "File",
    "col.source": "Source",
    "col.kind": "Kind of file",
    "col.status": "Status",
    "col.rows_read": "Rows read",
    "col.rows_loaded": "Rows loaded",
    "col.rows_quarantined": "Rows held back (quarantined)",
    "col.ingested_at": "Received",
    "col.field": "Field",
    "col.filled": "Filled",
    "col.filled_share": "Filled (%)",
    "col.step": "Step",
    "col.steps": "Steps",
    "file_kind.workbook": "Workbook (persons, steps, fines)",
    "file_kind.persons": "Persons",
    "file_kind.fines": "Fines",
    "file_status.loaded": "Loaded",
    "file_status.rejected": "Could not be read",
    "field.sex": "Sex",
    "field.age": "Age or year of birth",
    "field.nationality": "Nationality",
    "field.recruitment_channel": "Recruitment channel",
    "field.exploitation": "Type of exploitation",
    "field.site": "Site",
    "field.link_key": "Cross-border link key",
    "field.first_step_date": "Date of the first step",
    "field.screening_result": "Screening result",
    "field.education": "Education",
    "field.control_means": "Means of control",
    "field.lao_outcome": "Outcome in Lao PDR",
    "field.victim_screened": "Screened in Lao PDR",
    # ------------------------------------------------------------------ about
    "about.heading_data": "The data",
    "about.as_of": "The data run to {date}: the latest date of a referral step received.",
    "about.sources": "Two sources: the Chiang Rai provincial office's case workbooks (Thai, "
                     "Buddhist-Era dates) and the Bokeo provincial office's case files (Lao). "
                     "A person recorded on both sides is counted once: the two records are "
                     "linked by a shared key or, failing that, a joint reference with the "
                     "same sex, nationality and age.",
    "about.sources_chart": "Where the records come from: victims recorded by Chiang Rai, by "
                           "Bokeo or by both, per year",
    "about.heading_definitions": "What the numbers mean",
    "about.def_year": "Monitoring year: the year of a person's first recorded referral step "
                      "(first contact). Persons without any dated step are counted under "
                      "'year unknown', never dropped.",
    "about.def_potential": "Potential victims: every person referred, on either side.",
    "about.def_identified": "Identified victims: persons whom the Thai screening identified "
                            "as victims of trafficking.",
    "about.def_direction": "Direction of travel: nationality → country where the person was "
                           "exploited, e.g. Thailand → Lao PDR for Thai nationals exploited "
                           "in Lao PDR.",
    "about.def_shares": "Recruitment channels, types of exploitation and means of control: a "
                        "person counts once in each value they reported; the share is over "
                        "the persons with at least one known value, so shares can add up to "
                        "more than 100%.",
    "about.def_debt": "Debt bondage: persons with a debt, or with debt bondage among the means "
                      "of control, as a share of all persons. Debt size: the median, 90th "
                      "percentile and largest debt per person, in USD and THB.",
    "about.def_fines": "Fines: the number of fines and the median amount per reason, and the "
                       "total fined per person.",
    "about.def_durations": "Referral durations: days between two steps for each person "
                           "(reported → rescued, rescued → handed over, handed over → "
                           "screened, handed over → returned home, and reported → returned "
                           "home). Persons who reached the first step but not the second are "
                           "shown as still waiting (open cases). The reference lines mark "
                           "the benchmarks practitioners cited: handover within 10 days of "
                           "rescue, return home within 6 months.",
    "about.def_coordination": "Coordination: the number of different agencies, on both sides "
                              "together, that worked on each person's case.",
    "about.def_criminalisation": "Criminalisation: of the persons rescued in Lao PDR, those "
                                 "fined or detained by Lao authorities.",
    "about.def_screening": "Screening before return: of the persons handed over at the "
                           "border by Bokeo, those screened in Lao PDR.",
    "about.def_quality": "Data quality: the share of records with each key field filled, by "
                         "source and year; and the days from a step to the arrival of the "
                         "file that first reported it.",
    "about.def_median": "Median: the middle value (for an even number of values, the mean of "
                        "the two middle ones). 90th percentile: 9 in 10 values are at or "
                        "below it.",
    "about.heading_disclosure": "Protecting the people counted",
    "about.disclosure": "These are victims of serious crime, and small numbers can identify "
                        "them. In meeting mode every count from 1 to {k1} is shown as <{k} "
                        "(0 stays 0), further cells are hidden wherever a total would reveal "
                        "a hidden count, and no share, median or other statistic over fewer "
                        "than {k} persons is shown. No individual record and no free text "
                        "(notes, agency names, unrecognised places) is ever shown. Downloads "
                        "carry the same protected tables.",
    "about.k": "Threshold k = {k} (fixed in meeting mode).",
    "about.heading_fx": "Money",
    "about.fx": "Amounts are converted to US dollars and Thai baht at the annual average "
                "exchange rate of the person's monitoring year, from a reference table "
                "shipped with the system. The rates are approximate annual averages for "
                "demonstration; a deployment replaces them with the official rates of the "
                "Bank of Thailand and the Bank of the Lao PDR.",
    # ------------------------------------------------------------------ codes: sources (counts)
    "sources.chiang_rai": "Chiang Rai only",
    "sources.bokeo": "Bokeo only",
    "sources.both": "Both provinces (linked)",
    # ------------------------------------------------------------------ codes: vocab.py
    "source.chiang_rai": "Chiang Rai",
    "source.bokeo": "Bokeo",
    "sex.female": "Female",
    "sex.male": "Male",
    "sex.other": "Other",
    "sex.unknown": "Unknown",
    "country.TH": "Thailand",
    "country.LA": "Lao PDR",
    "country.MM": "Myanmar",
    "country.KH": "Cambodia",
    "country.CN": "China",
    "country.VN": "Viet Nam",
    "country.other": "Other country",
    "nationality.TH": "Thai",
    "nationality.LA": "Lao",
    "nationality.MM": "Myanmar",
    "nationality.KH": "Cambodian",
    "nationality.CN": "Chinese",
    "nationality.VN": "Vietnamese",
    "nationality.other": "Other",
    "age_band.0-8": "0–8",
    "age_band.9-17": "9–17",
    "age_band.18-20": "18–20",
    "age_band.21-23": "21–23",
    "age_band.24-26": "24–26",
    "age_band.27-29": "27–29",
    "age_band.30-38": "30–38",
    "age_band.39-47": "39–47",
    "age_band.48+": "48+",
    "channel.facebook": "Facebook",
    "channel.tiktok": "TikTok",
    "channel.line": "LINE",
    "channel.telegram": "Telegram",
    "channel.friend_acquaintance": "Friend or acquaintance",
    "channel.family": "Family",
    "channel.broker": "Broker",
    "channel.job_advert": "Job advertisement",
    "channel.other": "Other",
    "exploitation.forced_criminality": "Forced criminality (online scams)",
    "exploitation.sexual_exploitation": "Sexual exploitation",
    "exploitation.forced_labour": "Forced labour",
    "exploitation.other": "Other",
    "control_means.withholds_documents": "Documents withheld",
    "control_means.threats": "Threats",
    "control_means.physical_violence": "Physical violence",
    "control_means.restricts_movement": "Movement restricted",
    "control_means.debt_bondage": "Debt bondage",
    "control_means.forced_drug_use": "Forced drug use",
    "control_means.sexual_abuse": "Sexual abuse",
    "control_means.sold_on": "Sold on",
    "control_means.arbitrary_fines": "Arbitrary fines",
    "control_means.withholds_wages": "Wages withheld",
    "step.reported": "Reported",
    "step.rescued": "Rescued",
    "step.handed_over": "Handed over",
    "step.screened": "Screened",
    "step.sheltered": "Sheltered",
    "step.returned_home": "Returned home",
    "step.reintegrated": "Reintegrated",
    "coordination.informal_chart": "Share of referral steps coordinated through informal "
                                   "channels, by year and side",
    "col.informal_steps": "Informal steps",
    "col.steps_with_channel": "Steps with a known channel",
    "col.informal_share": "Informal (%)",
    "coordination.formal": "Formal channel",
    "coordination.informal": "Informal channel",
    "fine_reason.chairs_not_put_away": "Chairs not put away",
    "fine_reason.meal_not_finished": "Meal not finished",
    "fine_reason.smoking": "Smoking",
    "fine_reason.relationship": "Relationship",
    "fine_reason.sickness": "Sickness",
    "fine_reason.target_not_met": "Target not met",
    "fine_reason.other": "Other",
    "screening.identified_victim": "Identified victim",
    "screening.not_victim": "Not a victim",
    "screening.pending": "Pending",
    "screening.not_screened": "Not screened",
    "lao_outcome.handed_over": "Handed over",
    "lao_outcome.deported": "Deported",
    "lao_outcome.released": "Released",
    "lao_outcome.remains": "Remains in Lao PDR",
    "currency.THB": "Thai baht (THB)",
    "currency.USD": "US dollar (USD)",
    "currency.CNY": "Chinese yuan (CNY)",
    "currency.LAK": "Lao kip (LAK)",
    "education.primary": "Primary",
    "education.secondary": "Secondary",
    "education.vocational": "Vocational",
    "education.bachelor": "Bachelor's degree",
    "education.postgraduate": "Postgraduate",
    "education.unknown": "Unknown",
    "site.golden_triangle_sez": "Golden Triangle Special Economic Zone",
    "site.shwe_kokko": "Shwe Kokko",
    "site.kk_park": "KK Park",
    "site.myawaddy_other": "Myawaddy (other)",
    "site.sihanoukville": "Sihanoukville",
    "site.other": "Other site",
    "link_key_status.ok": "Well-formed",
    "link_key_status.missing": "Missing",
    "link_key_status.malformed": "Malformed",
    # debt size bands (labels of pipelines/sql.py DEBT_BAND_LABELS, in USD)
    "debt_band.< 500": "< 500",
    "debt_band.500–999": "500–999",
    "debt_band.1,000–1,999": "1,000–1,999",
    "debt_band.2,000–2,999": "2,000–2,999",
    "debt_band.3,000–4,999": "3,000–4,999",
    "debt_band.≥ 5,000": "≥ 5,000",
    # ------------------------------------------------------------------ analyst view
    "app.analyst_mode": "Analyst view: pseudonymous records and counts that are not suppressed. "
                        "Not for projection or for sharing outside the analyst team; every view, "
                        "download and upload is recorded in the audit log.",
    "nav.section_meeting": "Meeting mode",
    "nav.section_analyst": "Analyst view",
    "nav.analyst_persons": "Person records",
    "nav.analyst_counts": "Unsuppressed counts",
    "nav.analyst_quarantine": "Quarantine",
    "nav.analyst_upload": "Upload exports",
    "auth.heading": "Analyst sign-in",
    "auth.user": "User name",
    "auth.password": "Password",
    "auth.submit": "Sign in",
    "auth.failed": "Wrong user name or password.",
    "auth.locked": "Too many failed attempts. Try again in {minutes} min.",
    "auth.missing": "Enter a user name and a password.",
    "auth.signed_in_as": "Signed in: {name} ({role})",
    "auth.sign_out": "Sign out",
    "auth.oidc_sign_in": "Sign in with your organisation's account",
    "auth.oidc_unavailable": "Single sign-on is not available on this server. Ask the "
                             "administrator.",
    "auth.denied": "This page needs the analyst role. Sign in with an analyst account; the "
                   "attempt has been recorded.",
    "role.viewer": "viewer",
    "role.analyst": "analyst",
    "analyst.persons_intro": "One row per person after cross-border linkage: the pseudonymous "
                             "person_id, codes and dates, as in the persons table of the curated "
                             "model. No names, notes or provincial references.",
    "analyst.rows": "{total} rows.",
    "analyst.rows_shown": "The first {shown} of {total} rows are shown; the download has them "
                          "all.",
    "analyst.counted_by": "Counted by",
    "analyst.dim.nationality": "Nationality",
    "analyst.dim.direction": "Direction of travel",
    "analyst.dim.sex": "Sex",
    "analyst.dim.age_band": "Age group",
    "analyst.dim.sources": "Recorded by (Chiang Rai, Bokeo or both)",
    "analyst.dim.exploitation_country": "Country of exploitation",
    "analyst.dim.site": "Site of exploitation",
    "analyst.counts_intro": "Potential and identified victims per year and category, not "
                            "suppressed: small counts are shown as they are. Keep them within "
                            "the analyst team.",
    "analyst.quarantine_intro": "Every problem of the rows held back from loading, in the latest "
                                "file of each source: file, sheet, row, column and the rule "
                                "broken. Correct them in the province's export and send it again.",
    "analyst.filter_file": "File",
    "analyst.filter_rule": "Rule",
    "upload.intro": "Upload an export as the province sent it: an Excel workbook (.xlsx) or a "
                    "CSV file, up to {mb} MB. It is checked, kept in the uploads folder and "
                    "ingested at once; the pages show it on their next run.",
    "upload.file": "Export file",
    "upload.submit": "Upload and ingest",
    "upload.running": "Ingesting the file…",
    "upload.done": "Ingested. The database now holds {persons} persons ({linked} linked across "
                   "the border).",
    "upload.rejected": "The file could not be read; the reason is in the report below. Nothing "
                       "else changed.",
    "upload.report": "Ingest report",
    "upload.refused_name": "Refused: the file name is empty or too long, or contains a folder or "
                           "a control character.",
    "upload.refused_type": "Refused: only Excel workbooks (.xlsx) and CSV files (.csv) can be "
                           "uploaded.",
    "upload.refused_empty": "Refused: the file is empty.",
    "upload.refused_size": "Refused: the file is larger than {mb} MB.",
    "upload.refused_encrypted": "Refused: the workbook is password-protected (or an old .xls "
                                "file). Save it as .xlsx without a password and upload it again.",
    "upload.refused_content": "Refused: the content is not an Excel workbook or a CSV text file.",
    "col.reason": "Reason",
    "file_status.unchanged": "Already ingested (no change)",
}
