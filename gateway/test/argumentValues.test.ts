import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { argumentValueError } from '../src/validation/argumentValues';

const schema = buildSchema(`
  scalar Date
  input Visit { on: Date!, notes: [String!] }
  type Query { days(from: Date!, to: Date = "2026-12-31"): Int, visit(input: Visit!): Int, search(text: String): Int }
`);

const check = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  const error = argumentValueError(schema, document, operation, variables);
  return error ? { message: error.message, ...error.extensions } : null;
};

describe('the gateway`s argument check', () => {
  it('when every value fits, then nothing is refused', () => {
    expect(check(`{ days(from: "2026-02-28") }`)).toBeNull();
    expect(check(`query ($v: Visit!) { visit(input: $v) }`, { v: { on: '2026-01-01', notes: ['a\tb\r\n'] } })).toBeNull();
  });

  it('when a Date is impossible, as a literal, a variable or a variable`s default, then the argument is named', () => {
    expect(check(`{ days(from: "2026-02-30") }`)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    expect(check(`query ($d: Date!) { days(from: $d) }`, { d: '2026-02-30' })).toMatchObject({ argument: 'from' });
    expect(check(`query ($d: Date = "2026-02-30") { days(from: "2026-01-01", to: $d) }`)).toMatchObject({ argument: 'to' });
  });

  it('when the bad value sits in a fragment or in a list inside an input object, then its path is named', () => {
    expect(check(`{ ...f } fragment f on Query { search(text: "a\\u0000") }`)).toMatchObject({ argument: 'text' });
    expect(check(`query ($v: Visit!) { visit(input: $v) }`, { v: { on: '2026-01-01', notes: ['ok', 'b\u001b'] } })).toMatchObject({
      argument: 'input.notes[1]',
      message: expect.stringMatching(/U\+001B/),
    });
  });

  it('when a variable is of the wrong type or null where it may not be, then the argument is named', () => {
    expect(check(`query ($v: Visit!) { visit(input: $v) }`, { v: 'x' })).toMatchObject({ argument: 'input' });
    expect(check(`query ($v: Visit!) { visit(input: $v) }`, { v: { on: null } })).toMatchObject({ argument: 'input.on', message: 'input.on must not be null' });
    expect(check(`query ($t: String) { search(text: $t) }`, { t: 42 })).toMatchObject({ argument: 'text' });
  });
});
