import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs the CLI under `lang` (LANG only; the other locale variables cleared) and returns its streams and exit code. */
function run(lang: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { timeout: 60_000, env: { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' } },
      (error, stdout, stderr) => resolve({ stdout, stderr, code: error === null ? 0 : Number(error.code) }));
  });
}

const zh = (...args: string[]) => run('zh_CN.UTF-8', ...args);

const dir = mkdtempSync(join(tmpdir(), 'gradflow-cli-zh-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('the command line in Chinese (LANG=zh_CN.UTF-8)', () => {
  it('evaluates (x+y)*z at x=-2, y=5, z=-4 into Chinese tables: f = -12, gradients -4, -4, 3', async () => {
    const { stdout, stderr, code } = await zh('eval', '--expr', '(x+y)*z', '--set', 'x=-2', '--set', 'y=5', '--set', 'z=-4');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe([
      'f = -12',
      '',
      '节点  运算符  值   梯度',
      'x     input   -2   -4',
      'y     input   5    -4',
      'n1    add     3    -4',
      'z     input   -4   3',
      'f     mul     -12  1',
      '',
      '边  起点  终点   值  局部梯度  梯度',
      'e1  x     n1[0]  -2  1         -4',
      'e2  y     n1[1]  5   1         -4',
      'e3  n1    f[0]   3   -4        -4',
      'e4  z     f[1]   -4  3         3',
      '',
    ].join('\n'));
  });

  it('refuses a broken JSON file in one Chinese line naming the place, exit 2', async () => {
    const path = file('broken.json', '{"format": "gradflow.graph",\n "nodes": [}');
    const { stdout, stderr, code } = await zh('eval', path);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`gradflow: ${path}：JSON 无效，第 2 行第 12 列：意外的字符 "}"\n`);
  });

  it('refuses a cycle in one Chinese line naming the nodes, exit 2', async () => {
    const path = file('cycle.json', JSON.stringify({
      format: 'gradflow.graph', version: 1,
      nodes: [{ id: 'a', op: 'neg' }, { id: 'b', op: 'neg' }],
      edges: [{ id: 'e1', source: 'a', target: 'b', targetPort: 0 }, { id: 'e2', source: 'b', target: 'a', targetPort: 0 }],
    }));
    const { stdout, stderr, code } = await zh('check', path);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`gradflow: ${path}：计算图中有环：'b' → 'a' → 'b'（位于 /nodes/1）\n`);
  });

  it('refuses an unknown operator in one Chinese line naming it, exit 2', async () => {
    const path = file('op.json', JSON.stringify({ format: 'gradflow.graph', version: 1, nodes: [{ id: 'a', op: 'frobnicate' }], edges: [] }));
    const { stdout, stderr, code } = await zh('eval', path);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`gradflow: ${path}：节点 'a' 的运算符 "frobnicate" 未知（位于 /nodes/0/op）\n`);
  });

  it('words a bad expression, a missing file, a bad flag value and an unknown option in Chinese', async () => {
    expect((await zh('eval', '--expr', '(x+')).stderr).toBe('gradflow: 表达式：表达式意外结束，位于第 4 列\n');
    expect((await zh('eval', join(dir, 'none.json'))).stderr).toBe(`gradflow: 无法读取 ${join(dir, 'none.json')}：没有这个文件\n`);
    expect((await zh('check', '--expr', 'x', '--tol', 'abc')).stderr).toBe('gradflow: --tol "abc"：应为不小于 0 的数\n');
    const unknown = await zh('eval', '--frob');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("错误：未知选项 '--frob'\n");
  });

  it('prints the gradient check\'s table and verdict in Chinese', async () => {
    const { stdout, code } = await zh('check', '--expr', 'x*y', '--set', 'x=3', '--set', 'y=-2');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('f 的梯度检验，中心差分，h = 0.00001');
    expect(lines[2]).toMatch(/^输入 +值 +解析梯度 +数值梯度 +相对误差$/);
    expect(lines[3]).toMatch(/^x +3 +-2 +-2 +\d\.\d\de-\d+ +通过$/);
    expect(lines[4]).toMatch(/^y +-2 +3 +3 +\d\.\d\de-\d+ +通过$/);
    expect(lines[6]).toMatch(/^全部 2 个输入一致：最大相对误差 \d\.\d\de-\d+ <= 0\.000001$/);
    const kink = await zh('check', '--expr', 'max(x,0)', '--set', 'x=0');
    expect(kink.code).toBe(0);
    expect(kink.stdout.split('\n').slice(3)).toEqual([
      'x     0   1         0.5       5.00e-1   不可导',
      '',
      "'x'：此处不可导：max 'f'（两者相等时，全部梯度流向第一个输入。）；使用运算符表中的次梯度",
      '',
      '没有可判断的输入：全部 1 个都位于或靠近拐点',
      '',
    ]);
  });

  it('prints a strategy\'s run in Chinese with the same numbers as in English', async () => {
    const args = ['optimize', 'public/examples/svm-lecture.json', '--method', 'gd', '--budget', '3'];
    const [zhRun, enRun] = await Promise.all([zh(...args), run('C', ...args)]);
    expect(zhRun.stdout.split('\n')[0]).toBe('梯度下降（全批量），问题：SVM 例子（6 个参数），预算 3 次损失计算');
    expect(enRun.stdout.split('\n')[0]).toBe('gradient descent (full batch) on svm (6 parameters), budget 3 loss evaluations');
    // The table's rows (below its header, above the blank line) are numbers only: the same in both languages.
    const rows = (text: string) => text.split('\n').slice(3, -3);
    expect(rows(zhRun.stdout)).toEqual(['0   2         1.58333', '1   3         1.13611']);
    expect(rows(enRun.stdout)).toEqual(['0      2            1.58333', '1      3            1.13611']);
    expect(zhRun.stdout.trimEnd().split('\n').at(-1)).toBe('1 步后的最终损失 1.13611');
  });

  it('words commander\'s defaults in the help in Chinese, the values unchanged', async () => {
    const { stdout } = await zh('landscape', '--help');
    expect(stdout).toMatch(/--data <source> +.*（默认："mnist"）\n/);
    expect(stdout).not.toContain('default:');
    expect((await run('C', 'landscape', '--help')).stdout.replace(/\s+/g, ' ')).toContain('(default: "mnist")');
  });

  it('words the top-level help in Chinese, its help command included', async () => {
    const { stdout } = await zh('--help');
    expect(stdout).toMatch(/^ {2}help \[command\] +显示命令的帮助$/m);
    expect(stdout).not.toMatch(/[A-Za-z]{4,} (for|the|a) [a-z]+/);
  });

  it('prints training\'s epoch lines and a CSV refusal in Chinese', async () => {
    const trained = await zh('train', 'public/examples/toy-spiral.json', '--data', 'toy:spiral', '--epochs', '2');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/^第 0 轮：\d+ \/ 100\n第 1 轮：\d+ \/ 100\n$/);
    const csv = file('header-only.csv', 'a,b\n');
    const refused = await zh('train', 'public/examples/toy-spiral.json', '--data', csv);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('gradflow: header-only.csv：表头之后没有数据行\n');
  });

  it('names a toy set and a CSV file\'s numbered column in Chinese', async () => {
    const toy = await zh('train', 'public/examples/mnist-nielsen.json', '--data', 'toy:xor', '--noise', '0.5', '--epochs', '1');
    expect(toy.code).toBe(2);
    expect(toy.stderr).toBe("gradflow: public/examples/mnist-nielsen.json：samples 节点 'x' 的大小是 784，但“异或（噪声 0.5，种子 1）”的样本有 2 个特征\n");
    const bare = await zh('train', 'public/examples/toy-spiral.json', '--data', file('bare.csv', '1,2,0\n3,zz,1\n'));
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe('gradflow: bare.csv：第 2 行，第 2 列："zz" 不是数字\n');
  });
});
