import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AccessRule } from '../../shared/src/schema/access-rule.js'
import { MailRule } from '../../shared/src/schema/mail.js'
import { MediationRule } from '../../shared/src/schema/mediation.js'
import { PollRule } from '../../shared/src/schema/poll.js'
import { SessionRule } from '../../shared/src/schema/session.js'

/** Every rule id, as the server names it in `details.rule` and docs/spec.md lists it. */
const ruleIds: readonly string[] = [
  ...SessionRule.options,
  ...MediationRule.options,
  ...PollRule.options,
  ...AccessRule.options,
  ...MailRule.options,
]

const root = new URL('../../', import.meta.url)
const testDirs = ['tests/integration', 'tests/e2e']

/** The name of each `it(…)` in a test file, as written in its string literal. */
const testNames = (source: string): string[] =>
  [...source.matchAll(/\bit\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map(([, , name = '']) =>
    name.replace(/\\(.)/g, '$1'),
  )

// Keyed by file name; an integration and a browser file may share one, so their names are pooled.
const testFiles = new Map<string, string[]>()
for (const dir of testDirs) {
  for (const file of readdirSync(new URL(dir, root)).filter((name) => name.endsWith('.test.ts'))) {
    const names = testNames(readFileSync(new URL(`${dir}/${file}`, root), 'utf8'))
    testFiles.set(file, [...(testFiles.get(file) ?? []), ...names])
  }
}

/** A name carries an id when the id stands as a word of its own: `not_signed`, not `is_not_signed`. */
const carries = (name: string, id: string): boolean =>
  new RegExp(`(?<![\\w])${id}(?![\\w])`).test(name)

/** The rows of docs/spec.md's rule tables: the id, and the tests named in the last column. */
const specRows = () =>
  readFileSync(new URL('docs/spec.md', root), 'utf8')
    .split('\n')
    .flatMap((line) => {
      const row = /^\| `(\w+)` \|.*\| ([^|]*) \|$/.exec(line)
      if (!row) return []
      const [, id = '', cell = ''] = row
      const tests = [...cell.matchAll(/`([\w.-]+\.test\.ts)` › “([^”]*)”/g)].map(
        ([, file = '', name = '']) => ({ file, name }),
      )
      return [{ id, tests }]
    })

describe('the rules, by id (docs/spec.md)', () => {
  it('defines each rule id once, across sessions, polls, mediation and access', () => {
    expect(ruleIds.length).toBeGreaterThan(30)
    expect(ruleIds.filter((id, index) => ruleIds.indexOf(id) !== index)).toEqual([])
  })

  it('lists every rule id in docs/spec.md, once, and no id the code does not have', () => {
    const listed = specRows().map((row) => row.id)
    expect([...listed].sort()).toEqual([...ruleIds].sort())
  })

  it('names, for each rule, tests that exist and carry its id in their name', () => {
    const problems = specRows().flatMap(({ id, tests }) => [
      ...(tests.length === 0 ? [`${id}: no test named`] : []),
      ...tests.flatMap(({ file, name }) => [
        ...(testFiles.get(file)?.includes(name) ? [] : [`${id}: no test “${name}” in ${file}`]),
        ...(carries(name, id) ? [] : [`${id}: “${name}” does not carry the id`]),
      ]),
    ])
    expect(problems).toEqual([])
  })

  it('counts an id only as a word of its own, in names written with any quotes', () => {
    expect(carries('not_signed: terms wait for signatures', 'not_signed')).toBe(true)
    expect(carries('token_required, other_workspace: …', 'other_workspace')).toBe(true)
    expect(carries('is_not_signed: something else', 'not_signed')).toBe(false)
    expect(carries('not_signed_yet', 'not_signed')).toBe(false)
    expect(testNames(`it('a', f); it("b's", f); it(\`c\`, f); it(\n  'd: it\\'s',\n f)`)).toEqual([
      'a',
      "b's",
      'c',
      "d: it's",
    ])
  })
})
