/**
 * Fiscal calendars of companies whose fiscal year is not the calendar year, so that "Q2 FY2025" of
 * Nvidia (May–July 2024) meets "the quarter ended July 2024". `endMonth` is the month (1–12) in
 * which fiscal year N ends; every company here names its fiscal year after the calendar year it
 * ends in. Weeks-based years (Nvidia's ends on the last Sunday of January) are rounded to months.
 * Extend the table as coverage needs; a company not listed is taken to report by calendar year,
 * and figure pages say so.
 */
export const FISCAL_YEAR_END: Record<string, number> = {
  Microsoft: 6,
  Azure: 6,
  Nvidia: 1,
  Apple: 9,
  Oracle: 5,
  Broadcom: 10,
  Salesforce: 1,
  Micron: 8,
  Cisco: 7,
  Dell: 1,
  HPE: 10,
  Marvell: 1,
  Snowflake: 1,
  Workday: 1,
  Adobe: 11,
  Qualcomm: 9,
  Arm: 3,
  Alibaba: 3,
  'Super Micro': 6,
  Intuit: 7,
  'Palo Alto Networks': 7,
  CrowdStrike: 1,
  Walmart: 1,
};

/** The month (1–12) a company's fiscal year ends, or null when it reports by calendar year (or is unknown). */
export function fiscalYearEnd(entity: string | null): number | null {
  if (!entity) return null;
  const end = FISCAL_YEAR_END[entity];
  return end === undefined || end === 12 ? null : end;
}
