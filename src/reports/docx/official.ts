// A Word document laid out as a Chinese official document (公文) per GB/T 9704-2012 《党政机关公文格式》,
// for every report of the platform that leaves as a 公文 (督查通报, 考核结果通报, 质量状况分析报告 …).
//
//   const bytes = await buildOfficialDocx({ issuer: '示范区质量工作领导小组办公室', documentNumber: '质量办〔2026〕3号',
//     title: '关于…的通报', body: textToBlocks(text), date: '2026-11-25' });
//
// Layout (GB/T 9704 §5, §7): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm);
// 22 lines of 28 characters (line pitch 28.95 pt exact, the docGrid Word's 公文 templates use);
// 发文机关标志 red 方正小标宋简体 centred (sized to fit the 版心 width); 发文字号 3号仿宋 centred two lines below,
// then a red separator line the width of the 版心; title 2号 方正小标宋简体 centred two lines below; 主送机关
// flush left; body 3号 仿宋_GB2312, paragraphs indented two characters, level-1 headings (一、) 黑体, level-2
// (（一）) 楷体_GB2312, level-3 (1.) 仿宋; 发文机关署名 centred over the 成文日期, which ends four characters from the
// right margin, written with Arabic digits (2026年11月25日); page numbers 4号 半角 “— 1 —”, odd pages at the
// right and even pages at the left, one character in from the edge.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import { chineseDate } from './dates';

export const FONTS = {
  /** 小标宋: 发文机关标志, title */
  title: '方正小标宋简体',
  /** body */
  body: '仿宋_GB2312',
  /** level-1 headings */
  heading1: '黑体',
  /** level-2 headings */
  heading2: '楷体_GB2312',
  /** page numbers */
  pageNumber: '宋体',
  /** Arabic digits and Latin letters */
  latin: 'Times New Roman',
} as const;

/** Chinese type sizes in points (号). */
export const SIZES = { 初号: 42, 小初: 36, 一号: 26, 二号: 22, 三号: 16, 四号: 14 } as const;

export const RED = 'FF0000';

/** Page geometry in millimetres (GB/T 9704 §5.2). */
export const PAGE = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;
/** 版心 width in points (156 mm). */
const TYPE_AREA_PT = ((PAGE.width - PAGE.left - PAGE.right) / 25.4) * 72;
/** 22 lines per page: 225 mm / 22 ≈ 28.95 pt, in twentieths of a point. */
export const LINE_PITCH_TWIPS = 579;
/** 28 characters per line at 3号 (16 pt): (156 mm / 28 − 16 pt) × 4096. */
const CHAR_SPACE = -849;

/** Millimetres to twentieths of a point, rounded (docx's helper truncates: A4 would be 11905 × 16837). */
export const mmToTwips = (mm: number) => Math.round((mm * 1440) / 25.4);
const halfPoints = (pt: number) => Math.round(pt * 2);
const charsTwips = (chars: number, pt: number = SIZES.三号) => Math.round(chars * pt * 20);

export type OfficialBlock =
  /** 主送机关: flush left, ends with a full-width colon */
  | { kind: 'addressee'; text: string }
  | { kind: 'h1' | 'h2' | 'h3' | 'p'; text: string }
  /** 附件说明, after the body: 附件：1.… */
  | { kind: 'attachments'; items: string[] }
  /** an empty line */
  | { kind: 'blank' };

export interface OfficialDocument {
  /** 发文机关全称或规范化简称, e.g. 示范区质量工作领导小组办公室 */
  issuer: string;
  /** the 发文机关标志 as printed, default `${issuer}` (some use `${issuer}文件`) */
  issuerMark?: string;
  /** 发文字号, e.g. 质量办〔2026〕3号; omitted for a draft */
  documentNumber?: string | null;
  title: string;
  body: OfficialBlock[];
  /** 发文机关署名, default issuer */
  signature?: string;
  /** 成文日期 YYYY-MM-DD; omitted for a draft */
  date?: string | null;
  /** 版记: 抄送 */
  copyTo?: string[];
  /** 版记: 印发机关 (default issuer) and 印发日期 (default date); printed only with `imprint: true` */
  imprint?: boolean;
  /** a mark printed at the top left (e.g. 征求意见稿, 草稿) */
  draftMark?: string | null;
}

export { chineseDate };

/** Width in character cells at 3号: Chinese and full-width characters 1, ASCII (digits, letters) ½. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

const H1 = /^[一二三四五六七八九十百]+、/;
const H2 = /^[（(][一二三四五六七八九十百]+[）)]/;
const H3 = /^\d{1,3}[.．、]/;

/**
 * Plain text (one paragraph a line, as users edit it) to blocks: a first line ending with a colon is
 * the 主送机关; 一、 lines are level-1 headings, （一） level-2, 1. level-3; blank lines are dropped.
 */
export function textToBlocks(text: string): OfficialBlock[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''));
  const out: OfficialBlock[] = [];
  for (const line of lines) {
    if (!line) continue;
    if (out.length === 0 && /[：:]$/.test(line) && [...line].length <= 40) out.push({ kind: 'addressee', text: line });
    else if (H1.test(line) && [...line].length <= 40) out.push({ kind: 'h1', text: line });
    else if (H2.test(line) && [...line].length <= 40) out.push({ kind: 'h2', text: line });
    else if (H3.test(line) && [...line].length <= 40) out.push({ kind: 'h3', text: line });
    else out.push({ kind: 'p', text: line });
  }
  return out;
}

const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });

function run(text: string, opts: { font?: string; size?: number; color?: string; bold?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: font(opts.font ?? FONTS.body),
    size: halfPoints(opts.size ?? SIZES.三号),
    color: opts.color ?? '000000',
    bold: opts.bold,
  });
}

const exact = (before = 0, after = 0) => ({ line: LINE_PITCH_TWIPS, lineRule: LineRuleType.EXACT, before, after });

function blank(): Paragraph {
  return new Paragraph({ spacing: exact(), children: [run('')] });
}

function blockParagraphs(b: OfficialBlock): Paragraph[] {
  const indent = { firstLine: charsTwips(2) };
  switch (b.kind) {
    case 'addressee':
      return [new Paragraph({ spacing: exact(), children: [run(b.text)] })];
    case 'h1':
      return [new Paragraph({ spacing: exact(), indent, keepNext: true, children: [run(b.text, { font: FONTS.heading1 })] })];
    case 'h2':
      return [new Paragraph({ spacing: exact(), indent, keepNext: true, children: [run(b.text, { font: FONTS.heading2 })] })];
    case 'h3':
    case 'p':
      return [new Paragraph({ spacing: exact(), indent, alignment: AlignmentType.JUSTIFIED, children: [run(b.text)] })];
    case 'blank':
      return [blank()];
    case 'attachments': {
      // GB/T 9704 §7.3.5: 正文下空一行左空二字编排“附件”二字，后标全角冒号和附件名称；多个附件用阿拉伯数字标注序号
      if (b.items.length === 0) return [];
      const out = [blank()];
      b.items.forEach((item, i) => {
        const label = b.items.length === 1 ? item : `${i + 1}.${item}`;
        out.push(
          new Paragraph({
            spacing: exact(),
            indent: i === 0 ? { left: charsTwips(2) } : { left: charsTwips(5) },
            children: [run(i === 0 ? `附件：${label}` : label)],
          }),
        );
      });
      return out;
    }
  }
}

/** The 发文机关标志 size: 初号 at most, smaller so a long name fits on one line of the 版心. */
export function issuerMarkSize(mark: string): number {
  const w = textWidth(mark);
  return Math.max(SIZES.一号, Math.min(SIZES.初号, Math.floor((TYPE_AREA_PT * 0.96) / Math.max(1, w))));
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const size = SIZES.四号;
  const r = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, font: { ascii: FONTS.pageNumber, hAnsi: FONTS.pageNumber, eastAsia: FONTS.pageNumber }, size: halfPoints(size) });
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: charsTwips(1, size) } : { left: charsTwips(1, size) },
        children: [r(['— ', PageNumber.CURRENT, ' —'])],
      }),
    ],
  });
}

/** The document as .docx bytes. */
export async function buildOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const mark = doc.issuerMark ?? doc.issuer;
  const children: Paragraph[] = [];

  if (doc.draftMark) children.push(new Paragraph({ spacing: exact(), children: [run(doc.draftMark, { font: FONTS.heading1 })] }));

  // 版头: 发文机关标志 (红色小标宋, 居中), 空二行 发文字号, 红色分隔线 (发文字号之下 4 mm, 与版心等宽)
  const markSize = issuerMarkSize(mark);
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0, line: Math.max(LINE_PITCH_TWIPS, Math.round(markSize * 20 * 1.2)), lineRule: LineRuleType.EXACT },
      children: [run(mark, { font: FONTS.title, size: markSize, color: RED })],
    }),
  );
  children.push(blank(), blank());
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(),
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
      children: [run(doc.documentNumber ?? '')],
    }),
  );

  // 主体: 标题 (红线下空二行, 2号小标宋, 居中), 主送机关, 正文
  children.push(blank(), blank());
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(SIZES.二号 * 20 * 1.5), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [run(doc.title, { font: FONTS.title, size: SIZES.二号 })],
    }),
  );
  children.push(blank());
  for (const b of doc.body) children.push(...blockParagraphs(b));

  // 署名和成文日期: 日期右空四字; 署名以日期为准居中 (署名较长时署名右空二字, 日期以署名为准居中)
  const signature = doc.signature ?? doc.issuer;
  const dateText = doc.date ? chineseDate(doc.date) : '';
  const sw = textWidth(signature);
  const dw = textWidth(dateText || '2026年11月25日');
  let sigRight: number;
  let dateRight: number;
  if (sw <= dw + 4) {
    dateRight = 4;
    sigRight = 4 + Math.max(0, (dw - sw) / 2);
  } else {
    sigRight = 2;
    dateRight = 2 + (sw - dw) / 2;
  }
  children.push(blank(), blank());
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(), indent: { right: charsTwips(sigRight) }, children: [run(signature)] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(), indent: { right: charsTwips(dateRight) }, children: [run(dateText)] }));

  // 版记: 抄送, 印发机关和印发日期 (4号仿宋, 首末条分隔线)
  if (doc.copyTo?.length || doc.imprint) {
    const size = SIZES.四号;
    const line = (style: 'thick' | 'thin') => ({ style: BorderStyle.SINGLE, size: style === 'thick' ? 8 : 4, color: '000000', space: 1 });
    children.push(blank(), blank());
    if (doc.copyTo?.length) {
      children.push(
        new Paragraph({
          spacing: exact(),
          indent: { left: charsTwips(1, size), right: charsTwips(1, size) },
          border: { top: line('thick'), bottom: line('thin') },
          children: [run(`抄送：${doc.copyTo.join('，')}。`, { size })],
        }),
      );
    }
    if (doc.imprint) {
      children.push(
        new Paragraph({
          spacing: exact(),
          tabStops: [{ type: 'right', position: mmToTwips(156) - charsTwips(1, size) }],
          indent: { left: charsTwips(1, size) },
          border: { top: doc.copyTo?.length ? line('thin') : line('thick'), bottom: line('thick') },
          children: [run(`${doc.issuer}\t${dateText ? `${dateText}印发` : ''}`, { size })],
        }),
      );
    }
  }

  const document = new Document({
    creator: doc.issuer,
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: font(FONTS.body), size: halfPoints(SIZES.三号) }, paragraph: { spacing: exact() } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mmToTwips(PAGE.width), height: mmToTwips(PAGE.height) },
            margin: {
              top: mmToTwips(PAGE.top),
              bottom: mmToTwips(PAGE.bottom),
              left: mmToTwips(PAGE.left),
              right: mmToTwips(PAGE.right),
              header: mmToTwips(15),
              // 页码一字线上距版心下边缘 7 mm: footer distance ≈ 35 − 7 − 5 (the line's height) mm
              footer: mmToTwips(PAGE.bottom - 7 - 5),
            },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH_TWIPS, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
