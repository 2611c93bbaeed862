import { envVariables } from '@tailor/config';
import { z } from 'zod';

import {
  collectVariables,
  renderEnvExample,
  renderTable,
  TABLE_BEGIN,
  TABLE_END,
  UndocumentedVariableError,
  withTable,
} from './env-docs';

const shared = z.coerce.number().default(5).register(envVariables, { group: 'http', description: 'shared' });
const apps = [
  {
    app: 'one',
    schema: z.object({
      SHARED: shared,
      PORT: z.coerce.number().default(1).register(envVariables, { group: 'http', description: 'port' }),
      SECRET: z
        .string()
        .optional()
        .register(envVariables, { group: 'db', description: 'secret', sensitive: true, example: 'x' }),
    }),
  },
  {
    app: 'two',
    schema: z.object({
      SHARED: shared,
      PORT: z.coerce.number().default(2).register(envVariables, { group: 'http', description: 'port' }),
    }),
  },
];

describe(collectVariables.name, () => {
  it('should merge what the apps say about a variable', () => {
    const [sharedVariable, port, secret] = collectVariables(apps);
    expect(sharedVariable).toMatchObject({ name: 'SHARED', apps: ['one', 'two'] });
    expect([...port.defaults.values()]).toEqual(['1', '2']);
    expect(secret).toMatchObject({ name: 'SECRET', group: 'db', sensitive: true, apps: ['one'] });
    expect(secret.defaults.get('one')).toBeUndefined();
  });

  it('should name every variable without metadata', () => {
    const bare = [{ app: 'one', schema: z.object({ BARE: z.string().default('b') }) }];
    expect(() => collectVariables(bare)).toThrow(UndocumentedVariableError);
    expect(() => collectVariables(bare)).toThrow(/one: BARE needs a group and a description/);
  });
});

describe(renderTable.name, () => {
  it('should show each default, the apps and the sensitivity', () => {
    const table = renderTable(collectVariables(apps), ['one', 'two']);
    expect(table).toContain('| `SHARED` | http | `5` | all | shared |');
    expect(table).toContain('| `PORT` | http | one `1`, two `2` | all | port |');
    expect(table).toContain('| `SECRET` (sensitive) | db | unset | one | secret |');
  });
});

describe(renderEnvExample.name, () => {
  it('should write defaults, and comment out what has none or differs per app', () => {
    const example = renderEnvExample(collectVariables(apps), ['one', 'two']);
    expect(example).toContain('# http (all)\nSHARED=5\n# PORT=   (per app: one 1, two 2)\n');
    expect(example).toContain('# db (one)\n# SECRET=x   (unset: see README)\n');
  });
});

describe(withTable.name, () => {
  it('should replace only the text between the markers', () => {
    const readme = `intro\n${TABLE_BEGIN}\nold\n${TABLE_END}\noutro\n`;
    expect(withTable(readme, 'new')).toBe(`intro\n${TABLE_BEGIN}\nnew\n${TABLE_END}\noutro\n`);
  });
});
