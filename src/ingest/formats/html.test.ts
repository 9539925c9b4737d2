import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from './html';
import { normalizeText } from '../normalize';

const page = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>关于印发方案的通知_某某区人民政府</title>
<style>.a{color:red}</style><script>var x = "<p>不是正文</p>"; document.write('一、假标题');</script></head>
<body>
<div class="header"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<div class="nav"><ul><li>机构概况</li><li>政策文件</li></ul></div>
<div class="position">当前位置：首页 &gt; 政策文件</div>
<div class="content">
<table class="xxgk"><tr><td>[ 索 引 号 ]</td><td>SY0024795371202100079</td><td>[ 主题分类 ]</td><td>质量监督</td></tr>
<tr><td>[ 发文字号 ]</td><td>沪崇河府〔2021〕38号</td><td>[ 发布日期 ]</td><td>2021-06-22</td></tr></table>
<h1>新河镇质量提升行动工作计划</h1>
<p>发布日期：2021-06-22 浏览次数：<span id="c">356</span> 【字体：<a>大</a> <a>中</a> <a>小</a>】</p>
<p style="text-indent:2em">一、总体要求</p>
<p>农产品质量安全抽检合格率达到99.5%以上，绿色食品认证率&nbsp;&nbsp;90%。<br>“上海品质”&ldquo;认证&rdquo;&#x4E00;&#19968;</p>
<!-- <p>注释里的文字</p> -->
<div class="bdsharebuttonbox">分享到：<a>微信</a><a>微博</a></div>
<p><a href="javascript:window.print()">打印此页</a> <a href="javascript:window.close()">关闭窗口</a></p>
</div>
<div class="footer">版权所有：某某区人民政府 沪ICP备12345号</div>
</body></html>`;

describe('htmlToText', () => {
  const text = htmlToText(page);

  it('keeps the document and drops scripts, styles, menus, breadcrumbs, share bars and footers', () => {
    expect(text).toContain('新河镇质量提升行动工作计划');
    expect(text).toContain('一、总体要求');
    for (const junk of ['不是正文', '假标题', '机构概况', '政务公开', '当前位置', '微信', '版权所有', '注释里的文字', 'color:red', '某某区人民政府']) {
      expect(text, junk).not.toContain(junk);
    }
  });

  it('keeps each block on its own line and each table row on one line', () => {
    const lines = text.split('\n');
    expect(lines).toContain('[ 索 引 号 ] | SY0024795371202100079 | [ 主题分类 ] | 质量监督');
    expect(lines).toContain('[ 发文字号 ] | 沪崇河府〔2021〕38号 | [ 发布日期 ] | 2021-06-22');
    expect(lines).toContain('一、总体要求');
    expect(lines).toContain('“上海品质”“认证”一一');
  });

  it('decodes entities', () => {
    expect(text).toContain('绿色食品认证率\u00a0\u00a090%');
    expect(decodeEntities('&lt;b&gt; &amp;amp; &#20013;&#x6587; &unknown; &#0;')).toBe('<b> &amp; 中文 &unknown; \ufffd');
  });

  it('after normalization, no government-site chrome is left', () => {
    const n = normalizeText(text).text;
    expect(n).not.toMatch(/打印此页|关闭窗口|浏览次数|字体|分享到/);
    expect(n).toContain('发布日期:2021-06-22');
    expect(n).toContain('农产品质量安全抽检合格率达到99.5%以上,绿色食品认证率90%。');
  });

  it('does not lose the title inside an <article><header>', () => {
    const t = htmlToText('<html><body><header>网站名称</header><article><header><h1>质量强区实施方案</h1></header><p>正文。</p></article></body></html>');
    expect(t).toBe('质量强区实施方案\n正文。');
  });

  it('survives unclosed tags, stray brackets and an unterminated script', () => {
    expect(htmlToText('<p>到2025年 < 5% 的 a<b 情况<div>二、任务')).toBe('到2025年 < 5% 的 a<b 情况\n二、任务');
    expect(htmlToText('<p>正文</p><script>for(;;){}')).toBe('正文');
  });

  it('keeps a row\'s cells apart with | and repeats a cell merged down over rows in each of them', () => {
    const t = htmlToText(`<table>
<tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>
<tr><td colspan="5">一、夯实质量基础</td></tr>
<tr><td>1</td><td>完善标准体系</td><td rowspan="2">区市场监管局</td><td>区科技局</td><td rowspan="3">2025年</td></tr>
<tr><td>2</td><td>加强计量建设</td><td><table><tr><td>区发改局</td><td>区财政局</td></tr></table></td></tr>
<tr><td>3</td><td>培育品牌</td><td>区商务局</td><td></td></tr>
</table><p>二、强化质量监管</p>`);
    expect(t.split('\n')).toEqual([
      '序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限',
      '一、夯实质量基础',
      '1 | 完善标准体系 | 区市场监管局 | 区科技局 | 2025年',
      // the merged 牵头单位 and 完成时限 carried down; a table inside a cell joined by spaces
      '2 | 加强计量建设 | 区市场监管局 | 区发改局 区财政局 | 2025年',
      '3 | 培育品牌 | 区商务局 | | 2025年',
      '二、强化质量监管',
    ]);
  });
});
