import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openEditor, watchErrors } from './editor-helpers';

const panel = (page: Page) => page.getByRole('complementary', { name: 'Lesson' });

/** Types an answer into the open lesson and presses Check. */
async function answer(page: Page, text: string): Promise<void> {
  const field = panel(page).getByRole('textbox');
  await field.fill(text);
  await panel(page).getByRole('button', { name: 'Check' }).click();
}

test.describe('lessons', () => {
  test('a learner completes the first three lessons by doing their tasks, and comes back to the fourth', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();

    // Lesson 1: the SVM example opens; a wrong loss is refused, a hint helps, the right one moves on.
    await expect(panel(page).getByRole('heading', { name: 'A loss says how bad the weights are' })).toBeVisible();
    await expect(panel(page)).toContainText('Lesson 1 of 16');
    await expect(page.locator('.react-flow__node[data-id="L"]')).toBeVisible();
    await expect(page.locator('.lesson-highlight[data-target="canvas"]')).toBeVisible();
    await answer(page, '4.75');
    await expect(panel(page).getByRole('status')).toHaveText(/Not quite/);
    await panel(page).getByRole('button', { name: 'Hint 1 of 2' }).click();
    await expect(panel(page).getByRole('list', { name: 'Hints' })).toContainText('Find the output node L');
    await answer(page, '1.5833');
    await expect(panel(page).getByRole('status')).toHaveText('✓ Done!');

    // Lesson 2 opens by itself, with the Landscape tab and its button marked.
    await expect(panel(page).getByRole('heading', { name: 'Seeing a loss in one dimension' })).toBeVisible();
    await expect(panel(page)).toContainText('“A loss says how bad the weights are” is complete');
    await expect(page.getByRole('tab', { name: 'Landscape' })).toHaveAttribute('aria-selected', 'true');
    const ring = page.locator('.lesson-highlight[data-target="landscape-run"]');
    await expect(ring).toBeVisible();
    const button = await page.locator('[data-ui="landscape-run"]').boundingBox();
    const around = await ring.boundingBox();
    expect(around!.x).toBeLessThan(button!.x);
    expect(around!.x + around!.width).toBeGreaterThan(button!.x + button!.width);
    // A 2-D map is not what was asked.
    await page.getByLabel('2-D map').check();
    await page.locator('[data-ui="landscape-run"]').click();
    await expect(page.getByTestId('landscape-map')).toBeVisible();
    await expect(panel(page).getByRole('status')).toHaveText('Compute the landscape the task asks for.');
    await page.getByLabel('1-D slice').check();
    await page.locator('[data-ui="landscape-run"]').click();
    await expect(panel(page).getByRole('status')).toHaveText('✓ Done!');

    // Lesson 3: the 2-D map.
    await expect(panel(page).getByRole('heading', { name: 'Two directions, and a convex bowl' })).toBeVisible();
    await page.getByLabel('2-D map').check();
    await page.locator('[data-ui="landscape-run"]').click();
    await expect(panel(page).getByRole('status')).toHaveText('✓ Done!');
    await expect(panel(page).getByRole('heading', { name: 'Three ways down the hill' })).toBeVisible();
    await expect(panel(page)).toContainText('Lesson 4 of 16');

    // Progress is kept: after a reload the path resumes at lesson 4 with three ticks.
    await page.reload();
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await expect(panel(page).getByRole('heading', { name: 'Three ways down the hill' })).toBeVisible();
    await panel(page).getByRole('button', { name: 'All lessons' }).click();
    await expect(panel(page).getByLabel('done')).toHaveCount(3);
    expect(errors).toEqual([]);
  });

  test('a lesson file loaded from disk runs, and a broken one is refused with its problem', async ({ page }) => {
    const errors = watchErrors(page);
    const lesson = {
      format: 'gradflow.lesson', version: 1, id: 'teacher-square', topics: [16],
      title: { en: 'Squares', zh: '平方' },
      graph: {
        format: 'gradflow.graph', version: 1,
        nodes: [
          { id: 'a', op: 'input', value: 3, position: { x: 0, y: 0 } },
          { id: 'sq', op: 'square', output: true, position: { x: 220, y: 0 } },
        ],
        edges: [{ id: 'e1', source: 'a', target: 'sq', targetPort: 0 }],
      },
      body: [{ en: 'd(a²)/da = 2a.', zh: 'd(a²)/da = 2a。' }],
      task: { kind: 'answer', prompt: { en: 'What is dsq/da?', zh: 'dsq/da 是多少？' }, quantity: 'grad', node: 'a' },
      hints: [{ en: 'Twice a.', zh: 'a 的两倍。' }],
    };
    const good = join(tmpdir(), `gradflow-lesson-${Date.now()}.json`);
    const broken = join(tmpdir(), `gradflow-broken-lesson-${Date.now()}.json`);
    writeFileSync(good, JSON.stringify(lesson));
    writeFileSync(broken, JSON.stringify({ ...lesson, task: { kind: 'run', prompt: { en: 'x' } } }));
    await openEditor(page);
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await expect(panel(page).getByRole('heading', { name: 'A loss says how bad the weights are' })).toBeVisible();

    await page.locator('input[data-ui="lesson-file"]').setInputFiles(broken);
    await expect(page.locator('.status-slot')).toContainText('/task/kind has a value that is not allowed');
    await expect(panel(page).getByRole('heading', { name: 'A loss says how bad the weights are' })).toBeVisible();

    await page.locator('input[data-ui="lesson-file"]').setInputFiles(good);
    await expect(panel(page).getByRole('heading', { name: 'Squares' })).toBeVisible();
    await expect(panel(page)).toContainText('Your lesson');
    await expect(page.locator('.react-flow__node[data-id="sq"]')).toBeVisible();
    await answer(page, '5');
    await expect(panel(page).getByRole('status')).toHaveText(/Not quite/);
    await answer(page, '6');
    await expect(panel(page).getByRole('status')).toHaveText('✓ Done!');
    expect(errors).toEqual([]);
  });
});

test.describe('quiz', () => {
  test('hides gradients, accepts a right answer and refuses a wrong one with the chain-rule line', async ({ page }) => {
    const errors = watchErrors(page);
    await openEditor(page);
    await page.getByRole('button', { name: 'Quiz', exact: true }).click();
    const quiz = page.getByRole('region', { name: 'Quiz' });
    await expect(quiz).toContainText('df/dq =');
    await expect(quiz).toContainText('within 1% of the exact gradient');
    // f's step is shown (df/df = 1); z's gradient (3) is already known to the pass but hidden until asked.
    await expect(page.locator('.react-flow__node[data-id="f"] .op-grad')).toBeVisible();
    await expect(page.locator('.react-flow__node[data-id="z"] .op-grad')).toBeHidden();
    await expect(page.locator('[data-edge-id][data-source="q"] .edge-grad')).toBeHidden();

    const field = quiz.getByRole('textbox');
    await field.fill('-3');
    await quiz.getByRole('button', { name: 'Check' }).click();
    await expect(quiz.getByRole('status')).toContainText('Not right: -3 is not the gradient');
    await expect(quiz.getByRole('status')).toContainText('df/dq = df/df · df/dq = 1 · -4 = -4');
    await expect(quiz).toContainText('Score: 0 of 1');
    await expect(quiz).toContainText('df/dq =');

    await field.fill('-4');
    await quiz.getByRole('button', { name: 'Check' }).click();
    await expect(quiz.getByRole('status')).toContainText('Right!');
    await expect(quiz).toContainText('Score: 1 of 2');
    await expect(page.locator('.react-flow__node[data-id="q"] .op-grad')).toBeVisible();
    await expect(page.locator('.react-flow__node[data-id="q"] .op-grad')).toHaveAttribute('data-grad', '-4');

    // The rest of the pass, in the order the backward pass visits z, x and y.
    const gradients: Record<string, string> = { z: '3', x: '-4', y: '-4' };
    for (let k = 0; k < 3; k++) {
      const asked = (await quiz.locator('.quiz-question code').textContent())!.match(/^df\/d(\w+) =$/)![1];
      await field.fill(gradients[asked]);
      await quiz.getByRole('button', { name: 'Check' }).click();
      await expect(page.locator(`.react-flow__node[data-id="${asked}"] .op-grad`)).toBeVisible();
      delete gradients[asked];
    }
    expect(gradients).toEqual({});
    await expect(quiz).toContainText('Quiz complete: 4 right of 5 answers.');
    await page.getByRole('button', { name: 'Quiz', exact: true }).click();
    await expect(quiz).toBeHidden();
    expect(errors).toEqual([]);
  });
});
