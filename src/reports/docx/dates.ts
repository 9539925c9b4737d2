// Dates as a 公文 writes them (GB/T 9704 §7.3.5: Arabic digits, 年月日, no leading zeros). No docx import,
// so text-only modules (the notice wording) can use it without loading the Word library.

/** 2026-11-25 → 2026年11月25日 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a date: ${iso}`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}
