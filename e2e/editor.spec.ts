import { expect, test } from '@playwright/test';
import { canvasPoint, dragFromPalette, edgeBetween, edgeNumbers, nodeIds, openEditor, watchErrors, wire } from './editor-helpers';

test.describe('the editor canvas', () => {
  test('drags operators from the palette to where they are dropped', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    const id = await dragFromPalette(page, 'exp', 0.3, 0.4);
    expect(id).toBe('exp1');
    const node = page.locator(`.react-flow__node[data-id="${id}"]`);
    await expect(node).toHaveAttribute('data-op', 'exp');
    const box = (await node.boundingBox())!;
    const drop = await canvasPoint(page, 0.3, 0.4);
    // The node is centred on the drop point (within a few pixels of zoom rounding).
    expect(Math.abs(box.x + box.width / 2 - drop.x)).toBeLessThan(40);
    expect(Math.abs(box.y + box.height / 2 - drop.y)).toBeLessThan(40);
    // Click and Enter add in view too.
    await page.locator('.palette [data-op="sigmoid"]').click();
    await page.getByLabel('Filter operators').fill('tanh');
    await expect(page.locator('.palette [data-op]')).toHaveCount(1);
    await page.getByLabel('Filter operators').press('Enter');
    expect((await nodeIds(page)).sort()).toEqual(['exp1', 'sigmoid1', 'tanh1']);
    expect(errors).toEqual([]);
  });

  test('builds (x+y)*z by dragging alone and steps the backward pass to -4, -4, 3', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const x = await dragFromPalette(page, 'input', 0.12, 0.2);
    const y = await dragFromPalette(page, 'input', 0.12, 0.5);
    const z = await dragFromPalette(page, 'input', 0.4, 0.8);
    const q = await dragFromPalette(page, 'add', 0.4, 0.35);
    const f = await dragFromPalette(page, 'mul', 0.7, 0.5);
    expect([x, y, z, q, f]).toEqual(['x1', 'x2', 'x3', 'add1', 'mul1']);
    await wire(page, x, q, 0);
    await wire(page, y, q, 1);
    await wire(page, q, f, 0);
    await wire(page, z, f, 1);
    await expect(page.locator('[data-edge-id]')).toHaveCount(4);
    // add grew a free third port once both were taken.
    await expect(page.locator(`.react-flow__handle[data-nodeid="${q}"][data-handleid="in2"]`)).toHaveCount(1);
    await page.getByLabel(`value of ${x}`).fill('-2');
    await page.getByLabel(`value of ${y}`).fill('5');
    await page.getByLabel(`value of ${z}`).fill('-4');
    await expect(edgeBetween(page, q, f)).toHaveAttribute('data-value', '3');
    await expect(page.locator(`.react-flow__node[data-id="${f}"] .op-value`)).toHaveText('-12');
    // Before the backward pass no edge shows a gradient.
    await expect(page.locator('[data-edge-id][data-grad]')).toHaveCount(0);

    const step = page.getByRole('button', { name: 'Step backward', exact: true });
    await step.click(); // the output: f, gradient 1, sends -4 to q and 3 to z
    await expect(edgeBetween(page, q, f)).toHaveAttribute('data-grad', '-4');
    await expect(edgeBetween(page, z, f)).toHaveAttribute('data-grad', '3');
    await expect(edgeBetween(page, z, f)).toHaveAttribute('data-local-grad', '3');
    await expect(edgeBetween(page, x, q)).not.toHaveAttribute('data-grad');
    await expect(page.locator(`.react-flow__node[data-id="${f}"] .op-node`)).toHaveAttribute('data-current', '');
    await expect(page.getByLabel('Chain rule')).toContainText(`d${f}/d${q} = d${f}/d${f} * d${f}/d${q} = 1 * -4 = -4`);

    await step.click(); // q: -4 times local 1 to x and y
    await expect(edgeBetween(page, x, q)).toHaveAttribute('data-grad', '-4');
    await expect(edgeBetween(page, y, q)).toHaveAttribute('data-grad', '-4');
    await expect(page.getByLabel('Chain rule')).toContainText(`d${f}/d${x} = d${f}/d${q} * d${q}/d${x} = -4 * 1 = -4`);
    const numbers = await edgeNumbers(page);
    expect(Object.values(numbers).map((e) => e.grad).sort()).toEqual([-4, -4, -4, 3]);
    expect(await edgeBetween(page, x, q).getAttribute('data-grad')).toBe('-4');
    expect(await edgeBetween(page, y, q).getAttribute('data-grad')).toBe('-4');
    expect(await edgeBetween(page, z, f).getAttribute('data-grad')).toBe('3');
    // The leaves show their gradients too.
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    await expect(page.locator(`.react-flow__node[data-id="${x}"] .op-grad`)).toHaveAttribute('data-grad', '-4');
    await expect(page.locator(`.react-flow__node[data-id="${z}"] .op-grad`)).toHaveAttribute('data-grad', '3');
    // Editing a value resets the pass and recomputes at once.
    await page.getByLabel(`value of ${x}`).fill('1');
    await expect(page.locator('[data-edge-id][data-grad]')).toHaveCount(0);
    await expect(edgeBetween(page, q, f)).toHaveAttribute('data-value', '6');
    expect(errors).toEqual([]);
  });

  test('typing a value changes the labels downstream', async ({ page }) => {
    await openEditor(page);
    await expect(edgeBetween(page, 'x', 'q')).toHaveAttribute('data-value', '-2');
    await page.getByLabel('value of x').fill('2.5');
    await expect(edgeBetween(page, 'x', 'q')).toHaveAttribute('data-value', '2.5');
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-value', '7.5');
    // A half-typed number means none: the node holds the value from before the typing began (x = -2, q = 3).
    await page.getByLabel('value of x').fill('-');
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-value', '3');
    await page.getByLabel('value of x').fill('-0.5');
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-value', '4.5');
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    await expect(edgeBetween(page, 'z', 'f')).toHaveAttribute('data-grad', '4.5');
  });

  test('a refused connection says why and changes nothing', async ({ page }) => {
    await openEditor(page);
    await wire(page, 'f', 'q', 2);
    await expect(page.getByRole('alert')).toContainText('that would make a cycle: q → f → q');
    await wire(page, 'z', 'q', 0);
    await expect(page.getByRole('alert')).toContainText("input 1 of 'q' is already wired to 'x'");
    await expect(page.locator('[data-edge-id]')).toHaveCount(4);
  });

  test('shows an unconnected port on the node while the rest evaluates', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await edgeBetween(page, 'y', 'q').click();
    await page.keyboard.press('Delete');
    await expect(page.locator('[data-edge-id]')).toHaveCount(3);
    // add closes the gap: x alone on port 0, and the node reports its missing input.
    await expect(page.locator('.react-flow__node[data-id="q"] .op-problem')).toContainText('unconnected');
    await expect(edgeBetween(page, 'x', 'q')).toHaveAttribute('data-value', '-2');
    await expect(edgeBetween(page, 'z', 'f')).toHaveAttribute('data-value', '-4');
    await page.getByRole('button', { name: 'Run backward', exact: true }).click();
    await expect(edgeBetween(page, 'z', 'f')).toHaveAttribute('data-grad', 'NaN');
    expect(errors).toEqual([]);
  });

  test('undo and redo every edit, by button and by keyboard', async ({ page }) => {
    await openEditor(page);
    await page.getByLabel('value of y').fill('7');
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-value', '5');
    await page.locator('.react-flow__node[data-id="z"] .op-head').click();
    await page.keyboard.press('Delete');
    await expect(page.locator('.react-flow__node[data-id="z"]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(page.locator('.react-flow__node[data-id="z"]')).toHaveCount(1);
    await expect(edgeBetween(page, 'z', 'f')).toHaveAttribute('data-value', '-4');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    // Typing "7" was one edit: one undo brings y back to 5.
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-value', '3');
    await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-value', '5');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Shift+Z');
    await expect(page.locator('.react-flow__node[data-id="z"]')).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect(page.locator('.react-flow__node[data-id="z"]')).toHaveCount(1);
    await page.keyboard.press('Control+y');
    await expect(page.locator('.react-flow__node[data-id="z"]')).toHaveCount(0);
    // New can be undone.
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(4);
  });

  test('copy, paste and duplicate with fresh ids; shift-click selects several', async ({ page }) => {
    await openEditor(page);
    await page.locator('.react-flow__node[data-id="x"] .op-head').click();
    await page.locator('.react-flow__node[data-id="y"] .op-head').click({ modifiers: ['Shift'] });
    await page.locator('.react-flow__node[data-id="q"] .op-head').click({ modifiers: ['Shift'] });
    await expect(page.locator('.react-flow__node.selected')).toHaveCount(3);
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect(page.locator('.react-flow__node')).toHaveCount(8);
    expect((await nodeIds(page)).slice(5)).toEqual(['x1', 'x2', 'add1']);
    await expect(edgeBetween(page, 'x1', 'add1')).toHaveAttribute('data-value', '-2');
    await page.keyboard.press('Control+d');
    await expect(page.locator('.react-flow__node')).toHaveCount(11);
  });

  test('box select with Shift+drag, and wiring from the inspector by keyboard', async ({ page }) => {
    await openEditor(page);
    const x = (await page.locator('.react-flow__node[data-id="x"]').boundingBox())!;
    const y = (await page.locator('.react-flow__node[data-id="y"]').boundingBox())!;
    await page.mouse.move(x.x - 20, x.y - 20);
    await page.keyboard.down('Shift');
    // React Flow switches the pane to box selection once it has seen the key: wait for that before pressing.
    await expect(page.locator('.react-flow__pane.selection')).toBeAttached();
    await page.mouse.down();
    await page.mouse.move(y.x + y.width + 20, y.y + y.height + 20, { steps: 10 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
    await expect(page.getByRole('tabpanel')).toContainText(/\d+ items selected/);
    // Select q and wire z into its free third input without the mouse on the canvas.
    await page.locator('.react-flow__node[data-id="q"] .op-head').click();
    await expect(page.getByRole('tabpanel')).toContainText('Chain rule at q');
    const wireFrom = page.getByLabel('Connect input 3 from');
    await wireFrom.focus();
    await wireFrom.selectOption('z');
    await expect(edgeBetween(page, 'z', 'q')).toHaveAttribute('data-value', '-4');
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-value', '-1');
    await page.getByRole('button', { name: 'Disconnect input 3' }).click();
    await expect(edgeBetween(page, 'z', 'q')).toHaveCount(0);
    await expect(edgeBetween(page, 'q', 'f')).toHaveAttribute('data-value', '3');
  });

  test('double-clicking the canvas opens the operator search at that spot', async ({ page }) => {
    await openEditor(page);
    const at = await canvasPoint(page, 0.8, 0.2);
    await page.mouse.dblclick(at.x, at.y);
    const search = page.getByLabel('Search operators');
    await expect(search).toBeFocused();
    await search.fill('sqrt');
    await search.press('Enter');
    const node = page.locator('.react-flow__node[data-id="sqrt1"]');
    await expect(node).toHaveAttribute('data-op', 'sqrt');
    const box = (await node.boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - at.x)).toBeLessThan(40);
  });

  test('the expression box builds a laid-out graph and the formula follows', async ({ page }) => {
    await openEditor(page);
    await expect(page.getByLabel('Formula')).toContainText('z');
    const box = page.getByLabel('Expression');
    await box.fill('(a+b)*c');
    await box.press('Enter');
    await expect(page.locator('.react-flow__node[data-id="a"]')).toHaveCount(1);
    await expect(page.locator('.react-flow__node[data-op="input"]')).toHaveCount(3);
    await expect(page.locator('.react-flow__node[data-op="add"]')).toHaveCount(1);
    await expect(page.locator('.react-flow__node[data-op="mul"]')).toHaveCount(1);
    await expect(page.locator('[data-edge-id]')).toHaveCount(4);
    // Laid out left to right: the inputs sit left of the sum, the sum left of the product.
    const left = async (sel: string) => (await page.locator(sel).boundingBox())!.x;
    expect(await left('.react-flow__node[data-id="a"]')).toBeLessThan(await left('.react-flow__node[data-op="add"]'));
    expect(await left('.react-flow__node[data-op="add"]')).toBeLessThan(await left('.react-flow__node[data-op="mul"]'));
    await expect(page.locator('.formula .katex')).toContainText('a');
    await box.fill('(x+');
    await box.press('Enter');
    await expect(page.getByRole('alert')).toContainText('expression');
    await expect(page.locator('.react-flow__node[data-id="a"]')).toHaveCount(1);
  });

  test('the stepper also walks forward and Reset hides the gradients', async ({ page }) => {
    await openEditor(page);
    await page.keyboard.press('f');
    await expect(page.getByLabel('Chain rule')).toContainText('Forward 1/5');
    for (let k = 0; k < 4; k++) await page.getByRole('button', { name: 'Step forward', exact: true }).click();
    await expect(page.getByLabel('Chain rule')).toContainText('f = q * z = 3 * -4 = -12');
    await page.keyboard.press('Shift+B');
    await expect(page.locator('[data-edge-id][data-grad]')).toHaveCount(4);
    // Hovering an edge shows its local gradient and the product upstream × local.
    await edgeBetween(page, 'x', 'q').hover();
    await expect(page.getByRole('tooltip')).toContainText('local dq/dx = 1');
    await expect(page.getByRole('tooltip')).toContainText('upstream × local = -4 × 1 = -4');
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(page.locator('[data-edge-id][data-grad]')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Step backward' })).toHaveAttribute('title', /\(B\)/);
  });
});
