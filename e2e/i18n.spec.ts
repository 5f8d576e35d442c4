import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { edgeBetween, nodeIds, openEditor, watchErrors } from './editor-helpers';

/** Imports `text` as a file named `name` through the toolbar's import picker (its Chinese name). */
async function importText(page: Page, name: string, text: string): Promise<void> {
  const dir = join(tmpdir(), `gradflow-zh-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, text);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入 JSON', exact: true }).click();
  await (await chooser).setFiles(path);
}

/**
 * Words that are the same in every language: operator symbols and names the lecture itself writes in
 * Latin letters (Sigmoid, ReLU, Softmax, SVM), dataset and file-format names, and the brand.
 */
const KEPT = new Set([
  'exp', 'log', 'sin', 'cos', 'tanh', 'relu', 'max', 'min', 'softmax', 'Sigmoid', 'ReLU', 'Softmax', 'Softplus', 'SVM', 'MSE', 'CE',
  // Formula words in operator docs (ports of pow, d/dx, ln, NaN) and people and datasets the lecture names.
  'dx', 'ln', 'NaN', 'base', 'exponent', 'Nielsen', 'Xavier', 'He', 'Li', 'CIFAR-10', 'Fashion-MNIST',
  // Parameter names of layer operators, written as in files and formulas.
  'rate', 'stride', 'kernel', 'padding', 'size', 'units', 'init', 'filters', 'channels', 'Dropout',
  'MNIST', 'CIFAR', 'JSON', 'IDX', 'ONNX', 'PyTorch', 'Python', 'LaTeX', 'PNG', 'SVG', 'CSV', 'URL', 'gradflow', 'grad', 'flow', 'BP1', 'BP2', 'BP3', 'BP4', 'Ctrl', 'Shift', 'Enter', 'Esc',
]);

/** The English words a user sees in `selector` (visible text, labels, titles, placeholders), formulas left out. */
async function englishWords(page: Page, selector: string): Promise<string[]> {
  const words = await page.locator(selector).evaluateAll((roots) => {
    const found: string[] = [];
    const visible = (el: Element) => {
      const box = (el as HTMLElement).getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    // Formulas, code, typeset math and names that are data (node ids) are the same in every language.
    const kept = (el: Element | null) => el?.closest('[translate="no"], code, .katex, .formula, .language-switch, .react-flow, select option') !== null;
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent === null || kept(parent) || !visible(parent)) continue;
        found.push(node.textContent ?? '');
      }
      for (const el of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
        if (kept(el) || !visible(el)) continue;
        for (const attribute of ['aria-label', 'title', 'placeholder']) found.push(el.getAttribute(attribute) ?? '');
      }
    }
    return found;
  });
  // Operator names (the file format's op names, as in the expression box's list of functions) are symbols too.
  const ops = new Set(await page.locator('.palette [data-op]').evaluateAll((els) => els.flatMap((e) => [e.getAttribute('data-op')!, ...(e.querySelector('.palette-symbol')?.textContent ?? '').split(/[^A-Za-z]+/)])));
  // A dotted token is a format or file name (gradflow.graph, .onnx), the same in every language.
  // Derivatives written out (df/dq, d(1/x)/dx) are formulas.
  return words.map((text) => text.replace(/\bd[\w()]*\/d[\w()]*/g, '')).flatMap((text) => text.match(/\.?[A-Za-z][\w.-]*[A-Za-z0-9]/g) ?? [])
    .filter((w) => !w.includes('.') && /[A-Za-z]{2,}/.test(w) && !KEPT.has(w) && !ops.has(w));
}

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the toolbar, palette and panels show no English words apart from formulas and operator names', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('button', { name: '课程', exact: true })).toBeVisible();
    expect(await englishWords(page, '.app-header')).toEqual([]);
    expect(await englishWords(page, '.toolbar')).toEqual([]);
    expect(await englishWords(page, '.info-bar')).toEqual([]);
    expect(await englishWords(page, '.palette')).toEqual([]);
    for (const tab of ['检查器', '训练', '地形', '策略', '四个方程']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await expect(page.getByRole('tabpanel')).toBeVisible();
      await expect(page.getByRole('tabpanel').locator('.muted').first()).toBeVisible();
      expect(await englishWords(page, '.side-panel'), tab).toEqual([]);
    }
    // A selected node's inspector: the operator's label and doc come from the catalog.
    await page.locator('.react-flow__node[data-id="q"]').click();
    await page.getByRole('tab', { name: '检查器', exact: true }).click();
    await expect(page.getByRole('tabpanel')).toContainText('加法');
    expect(await englishWords(page, '.side-panel')).toEqual([]);
    await page.locator('.palette [data-op="add"]').click();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    // A problem: its sentence in Chinese; node ids and operator names are data, as on the canvas.
    await expect(page.getByRole('tabpanel')).toContainText("⚠ add 节点 'add1' 的输入端口 0 没有连接");
    expect((await englishWords(page, '.side-panel')).filter((w) => w !== 'add1')).toEqual([]);
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    // Stepping: the bar's words are Chinese, the chain rule's formula is not translated.
    await page.getByRole('button', { name: '单步反向', exact: true }).click();
    await expect(page.locator('.chain-rule')).toContainText('反向 1/5');
    expect(await englishWords(page, '.info-bar')).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a lesson runs in Chinese, and the language switch is kept', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await page.getByRole('button', { name: '课程', exact: true }).click();
    await expect(page.getByRole('complementary', { name: '课程' })).toBeVisible();
    const lesson = page.locator('.lesson-panel');
    await expect(lesson.getByRole('heading', { name: '损失函数衡量权重有多差' })).toBeVisible();
    await expect(lesson).toContainText('第 1 课，共 16 课');
    await lesson.getByRole('textbox').fill('2');
    await lesson.getByRole('button', { name: '检查' }).click();
    await expect(lesson.getByRole('status')).toHaveText('还不对。看看画布上的数字，再试一次。');
    await lesson.getByRole('textbox').fill('1.583');
    await lesson.getByRole('button', { name: '检查' }).click();
    await expect(lesson.getByRole('status')).toHaveText('✓ 完成！');
    await expect(lesson.getByRole('heading', { name: '一维的损失函数可视化' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '地形' })).toHaveAttribute('aria-selected', 'true');
    expect(await englishWords(page, '.lesson-panel')).toEqual([]);

    // English on request, kept across a reload; numbers and formulas are the same in both.
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(page.getByRole('button', { name: 'Lessons', exact: true })).toBeVisible();
    await expect(lesson.getByRole('heading', { name: 'Seeing a loss in one dimension' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Lessons', exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(errors).toEqual([]);
  });

  test('a broken file, a cycle, an unknown operator and a bad expression are refused in Chinese; the graph stays', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    const before = await nodeIds(page);
    await importText(page, 'broken.json', '{"format": "gradflow.graph",\n  "version": 1,\n  "nodes": [}');
    await expect(page.getByRole('alert')).toHaveText('无法导入 broken.json：JSON 无效，第 3 行第 13 列：意外的字符 "}"');
    await importText(page, 'cycle.json', JSON.stringify({
      format: 'gradflow.graph', version: 1,
      nodes: [{ id: 'a', op: 'neg' }, { id: 'b', op: 'neg' }],
      edges: [{ id: 'e1', source: 'a', target: 'b', targetPort: 0 }, { id: 'e2', source: 'b', target: 'a', targetPort: 0 }],
    }));
    await expect(page.getByRole('alert')).toHaveText("无法导入 cycle.json：计算图中有环：'b' → 'a' → 'b'（位于 /nodes/1）");
    await importText(page, 'op.json', JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [{ id: 'a', op: 'frobnicate' }], edges: [] }));
    await expect(page.getByRole('alert')).toHaveText('无法导入 op.json：节点 \'a\' 的运算符 "frobnicate" 未知（位于 /nodes/0/op）');
    const box = page.getByRole('textbox', { name: '表达式' });
    await box.fill('(x + ');
    await box.press('Enter');
    await expect(page.getByRole('alert')).toHaveText('表达式：表达式意外结束，位于第 6 列');
    // A value field refuses in Chinese too, and the node keeps its number.
    const x = page.getByLabel('x 的值');
    await x.click();
    await x.press('Control+a');
    await x.pressSequentially('1,5');
    await expect(page.locator('.react-flow__node[data-id="x"] .num-error')).toHaveText('请用小数点：1.5');
    await x.press('Escape');
    // The canvas still holds the graph the user had, with its numbers.
    expect(await nodeIds(page)).toEqual(before);
    await expect(edgeBetween(page, 'x', 'q')).toHaveAttribute('data-value', '-2');
    expect(errors).toEqual([]);
  });

  test('the output node\'s mark, a toy set\'s name, a CSV file\'s numbered column and the landscape\'s axes are Chinese', async ({ page }) => {
    const errors = watchErrors(page);
    // What the landscape paints on its canvas is recorded, as the user reads it there.
    await page.addInitScript(() => {
      const painted: string[] = [];
      (window as unknown as { painted: string[] }).painted = painted;
      const fill = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, max?: number) {
        painted.push(text);
        return max === undefined ? fill.call(this, text, x, y) : fill.call(this, text, x, y, max);
      };
    });
    await openEditor(page);
    const mark = await page.locator('.react-flow__node[data-id="f"] .op-name').evaluate((el) => getComputedStyle(el, '::after').content);
    expect(mark).toBe('" · 输出"');
    // A fused gate is named in the language shown (σ when it is the sigmoid); Undo brings the nodes back.
    await page.locator('.react-flow__node[data-id="q"]').click();
    await page.locator('.react-flow__node[data-id="f"]').click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: '融合为门', exact: true }).click();
    await expect(page.locator('.react-flow__node[data-id="gate1"] .op-symbol')).toHaveText('门');
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await expect(page.locator('.react-flow__node[data-id="q"]')).toBeVisible();

    await page.getByRole('tab', { name: '训练', exact: true }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByRole('combobox', { name: '玩具数据集' }).selectOption('gaussians');
    await panel.getByRole('spinbutton', { name: '玩具数据噪声' }).fill('0.5');
    await panel.getByRole('button', { name: '载入二维数据集' }).click();
    await expect(panel.getByTestId('data-status')).toHaveText('两个高斯团（噪声 0.5，种子 1）：400 个训练样本，100 个测试样本');
    const dir = join(tmpdir(), `gradflow-zh-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'bare.csv'), '1,2,0\n3,zz,1\n');
    const chooser = page.waitForEvent('filechooser');
    await panel.getByRole('button', { name: 'CSV 文件…' }).click();
    await (await chooser).setFiles(join(dir, 'bare.csv'));
    await expect(panel.getByRole('alert')).toHaveText('bare.csv：第 2 行，第 2 列："zz" 不是数字');

    await page.getByRole('tab', { name: '地形', exact: true }).click();
    await page.getByRole('tabpanel').getByRole('button', { name: '计算地形' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { painted: string[] }).painted.filter((t) => /[A-Za-zα-ω]{2,}|（/.test(t)))).toEqual(expect.arrayContaining(['α（方向 W₁）', 'β（方向 W₂）']));
    expect(await page.evaluate(() => (window as unknown as { painted: string[] }).painted.filter((t) => /direction/.test(t)))).toEqual([]);
    // A shipped example's labels that are English words are the language shown's; formulas are kept.
    await page.getByRole('button', { name: '示例', exact: true }).click();
    await page.getByRole('menuitem', { name: /Nielsen/ }).click();
    await expect(page.locator('.react-flow__node[data-id="x"] .op-symbol')).toHaveText('784 个像素');
    expect(errors).toEqual([]);
  });
});
