import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newPerson, seriousViolations, signIn } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import { pollCommands } from '../helpers/polls.js'
import { sessionCommands } from '../helpers/session-commands.js'

let suite: BrowserSuite

withBrowserSuite((started) => {
  suite = started
})

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const fitsPhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

describe('polls in the session page', () => {
  it('already_answered: an anonymous poll opened on a phone, answered and changed in the browser, counted only at its close', async () => {
    const { site, server } = suite
    const sessions = sessionCommands(server, site)
    const polls = pollCommands(server)
    const ayu = await site.join('stakeholder', 'Ayu', 'community')
    const others = await Promise.all([
      site.join('stakeholder', 'Dewi', 'community'),
      site.join('stakeholder', 'Eko', 'community'),
      site.join('stakeholder', 'Budi', 'business'),
    ])
    const { session } = await sessions.open('Pasar malam')
    const path = `/w/${site.workspaceId}/s/${session.id}`
    const [facilitator, a] = await Promise.all([
      suite.personAt(site.token, path),
      suite.personAt(ayu.token, path),
    ])
    await facilitator.page.setViewportSize({ width: 390, height: 844 })
    const form = facilitator.page.getByRole('form', { name: 'Open a poll' })
    await form.getByLabel('Question').fill('Move the night market to Saturdays?')
    await form.getByLabel('Options, one per line').fill('Yes\nNo\nLater')
    await form.getByLabel('Anonymous: nobody can tell who answered what').check()
    expect(await seriousViolations(facilitator.page)).toEqual([])
    await button(facilitator.page, 'Open poll').click()

    const poll = a.page.getByTestId('poll').filter({ hasText: 'Move the night market' })
    await poll.getByText('Anonymous', { exact: true }).waitFor()
    await poll.getByLabel('Later').check()
    await button(a.page, 'Send answer').click()
    await poll.getByText('Your answer is in.').waitFor()
    // Ayu changes her mind: the receipt this browser kept lets her.
    await poll.getByLabel('Yes').check()
    await button(a.page, 'Change answer').click()
    const [opened] = await polls.list(session.id, site.token)
    const pollId = opened?.id ?? ''
    for (const [index, person] of others.entries()) {
      await sessions.run(session.id, person.token, { type: 'attendance.join' })
      await polls.answer(session.id, person.token, pollId, { choice: index === 2 ? 0 : 1 })
    }
    const mine = facilitator.page.getByTestId('poll').filter({ hasText: 'Move the night market' })
    await mine.getByText('4 of 5 present have responded').waitFor()
    await mine.getByText('Anonymous: results show when the poll closes.').waitFor()
    expect(await seriousViolations(a.page)).toEqual([])

    await button(facilitator.page, 'Close poll').click()
    for (const page of [facilitator.page, a.page]) {
      const results = page
        .getByTestId('poll')
        .filter({ hasText: 'Move the night market' })
        .getByTestId('poll-results')
      await results.getByText('2 chose it').first().waitFor()
      // Business (1 person) is withheld, and community with it, or subtraction would show Budi's.
      await results.getByText('4 answers from small groups are counted in the total only').waitFor()
    }
    const [closed] = await polls.list(session.id, site.token)
    expect(closed?.results?.totals).toEqual([2, 2, 0])
    expect(await seriousViolations(facilitator.page)).toEqual([])
    await fitsPhone(facilitator.page)
  }, 150_000)

  it('already_answered: on a phone two people share, the second is not told they answered and answers in turn', async () => {
    const { site, server } = suite
    const sessions = sessionCommands(server, site)
    const polls = pollCommands(server)
    const ayu = await site.join('stakeholder', 'Ayu', 'community')
    const dewi = await site.join('stakeholder', 'Dewi', 'community')
    const { session } = await sessions.open('Balai warga')
    const opened = await polls.open(session.id, site.token, {
      title: 'Open the hall on Sundays?',
      kind: 'single',
      options: ['Yes', 'No'],
      anonymous: true,
    })
    const phone = await newPerson(suite.browser, server)
    await signIn(phone.context, server, site.workspaceId, ayu.token)
    await phone.page.goto(`/w/${site.workspaceId}/s/${session.id}`)
    const poll = phone.page.getByTestId('poll').filter({ hasText: 'Open the hall on Sundays?' })
    await poll.getByLabel('Yes').check()
    await button(phone.page, 'Send answer').click()
    await poll.getByText('Your answer is in.').waitFor()

    // Ayu hands the phone to Dewi.
    await signIn(phone.context, server, site.workspaceId, dewi.token)
    await phone.page.reload()
    await poll.getByLabel('No').check()
    expect(await poll.getByText('Your answer is in.').count()).toBe(0)
    await button(phone.page, 'Send answer').click()
    await poll.getByText('Your answer is in.').waitFor()
    const [after] = await polls.list(session.id, site.token)
    expect(after?.id).toBe(opened.id)
    expect(after?.responded).toBe(2)
    await phone.context.close()
  }, 120_000)

  it('not_collecting: ideas are collected, revealed and dot-voted in Bahasa Indonesia, axe-clean at 390×844', async () => {
    const { site, server } = suite
    const sessions = sessionCommands(server, site)
    const polls = pollCommands(server)
    const sari = await site.join('stakeholder', 'Sari', 'academia')
    const { session } = await sessions.open('Alun-alun')
    const context = await suite.browser.newContext({
      baseURL: server.httpUrl,
      locale: 'id-ID',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    const path = `/w/${site.workspaceId}/s/${session.id}`
    await signIn(context, server, site.workspaceId, site.token)
    const page = await context.newPage()
    await page.goto(path)
    const form = page.getByRole('form', { name: 'Buka jajak pendapat' })
    await form.getByLabel('Pertanyaan').fill('Ide untuk Alun-alun')
    await form.getByLabel('Jenis').selectOption('dots')
    await form
      .getByLabel('Kumpulkan ide dari peserta dulu, lalu tampilkan untuk pemungutan titik')
      .check()
    await button(page, 'Buka jajak pendapat').click()
    const card = page.getByTestId('poll').filter({ hasText: 'Ide untuk Alun-alun' })
    await card.getByText('Mengumpulkan ide', { exact: true }).waitFor()
    await card.getByLabel('Ide Anda').fill('Pohon peneduh')
    await button(page, 'Tambah ide').click()
    await card.getByText('Ide ditambahkan.').waitFor()
    const [collecting] = await polls.list(session.id, site.token)
    await polls.run(session.id, sari.token, {
      type: 'poll.idea',
      pollId: collecting?.id,
      text: 'Jajanan malam',
    })
    await card.getByText('2 ide terkumpul', { exact: false }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await button(page, 'Tampilkan ide dan mulai memilih').click()
    await card.getByLabel('Titik untuk Pohon peneduh').fill('2')
    await card.getByText('Sisa 1 dari 3 titik').waitFor()
    await button(page, 'Kirim jawaban').click()
    await card.getByText('Jawaban Anda sudah masuk.', { exact: false }).waitFor()
    // Ideas cannot be added once revealed.
    const late = await polls.refused(
      session.id,
      sari.token,
      { type: 'poll.idea', pollId: collecting?.id, text: 'Terlambat' },
      409,
    )
    expect(late.details).toEqual(expect.objectContaining({ rule: 'not_collecting' }))
    await button(page, 'Tutup jajak pendapat').click()
    await card.getByTestId('poll-results').getByText('2 titik').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await fitsPhone(page)
    await context.close()
  }, 120_000)
  it('unresolved_block: a proposal hiding its results shows who responded, not how, and adopting over a hidden block is confirmed by count', async () => {
    const { site, server } = suite
    const sessions = sessionCommands(server, site)
    const budi = await site.join('stakeholder', 'Budi', 'business')
    const citra = await site.join('stakeholder', 'Citra', 'academia')
    const { session } = await sessions.open('Jalan Braga')
    const path = `/w/${site.workspaceId}/s/${session.id}`
    const [facilitator, c] = await Promise.all([
      suite.personAt(site.token, path),
      suite.personAt(citra.token, path),
    ])
    await facilitator.page.setViewportSize({ width: 390, height: 844 })
    const form = facilitator.page.getByRole('form', { name: 'Open a proposal' })
    await form.getByLabel('Title').fill('Close Jalan Braga to cars')
    await form.getByLabel('Text of the proposal').fill('On Sundays, from March.')
    await form.getByLabel('Hide positions until the proposal closes').check()
    await button(facilitator.page, 'Open proposal').click()
    await c.page.getByTestId('proposal').getByText('Close Jalan Braga to cars').waitFor()
    await sessions.run(session.id, budi.token, { type: 'attendance.join' })
    const reason = 'Deliveries to the market have no other way in.'
    await sessions.run(session.id, budi.token, { type: 'position.take', value: 'block', reason })
    await button(c.page, 'Agree').click()
    // Citra sees her own choice, which the room does not carry while hidden.
    await c.page.getByTestId('my-position').getByText('You chose: Agree.').waitFor()
    for (const page of [facilitator.page, c.page]) {
      await page.getByTestId('response-count').getByText('2 of 3 present have responded').waitFor()
      await page.getByTestId('positions-hidden').waitFor()
      expect(await page.getByTestId('proposal').textContent()).not.toContain(reason)
    }
    expect(await seriousViolations(c.page)).toEqual([])
    await button(facilitator.page, 'Close and record').click()
    const dialog = facilitator.page.getByRole('dialog', {
      name: 'Adopt although people stand in its way?',
    })
    expect(await dialog.getByTestId('over-counts').textContent()).toBe('Blocks: 1 · Objections: 0')
    expect(await seriousViolations(facilitator.page)).toEqual([])
    await fitsPhone(facilitator.page)
    await button(facilitator.page, 'Adopt over them').click()
    // Closed: the decision log shows the block and its reason to everyone.
    const decision = c.page.getByTestId('decision').filter({ hasText: 'Close Jalan Braga' })
    await decision.getByTestId('dissent').locator('q').getByText(reason).waitFor()
  }, 150_000)
  it('answer_mismatch: dot-voting on the sections of a plan, its options taken from the plan, at most the dots each person has', async () => {
    const { site, server } = suite
    const sessions = sessionCommands(server, site)
    const polls = pollCommands(server)
    await site.document('Bandung vision', 'smart-city-vision')
    const { session } = await sessions.open('Which section first?')
    const facilitator = await suite.personAt(site.token, `/w/${site.workspaceId}/s/${session.id}`)
    await facilitator.page.setViewportSize({ width: 390, height: 844 })
    const form = facilitator.page.getByRole('form', { name: 'Open a poll' })
    await form.getByLabel('Question').fill('Which section needs work first?')
    await form.getByLabel('Kind').selectOption('dots')
    await form
      .getByLabel("Options from a plan's sections")
      .selectOption({ label: 'Bandung vision' })
    const options = form.getByLabel('Options, one per line')
    await expect.poll(() => options.inputValue()).toContain('Smart mobility')
    expect((await options.inputValue()).split('\n')).toHaveLength(6)
    expect(await seriousViolations(facilitator.page)).toEqual([])
    await button(facilitator.page, 'Open poll').click()
    const card = facilitator.page
      .getByTestId('poll')
      .filter({ hasText: 'Which section needs work' })
    await card.getByLabel('Dots on Smart mobility').fill('3')
    await card.getByText('0 of 3 dots left').waitFor()
    await button(facilitator.page, 'Send answer').click()
    await card.getByText('Your answer is in.', { exact: false }).waitFor()
    const [poll] = await polls.list(session.id, site.token)
    // Four dots where three are given is refused by the server as well as the page.
    const tooMany = await polls.refused(
      session.id,
      site.token,
      { type: 'poll.answer', pollId: poll?.id, answer: { dots: [4, 0, 0, 0, 0, 0] } },
      409,
    )
    expect(tooMany.details).toEqual(expect.objectContaining({ rule: 'answer_mismatch' }))
    expect(poll?.results?.totals[poll.options.indexOf('Smart mobility')]).toBe(3)
    await fitsPhone(facilitator.page)
  }, 120_000)
})
