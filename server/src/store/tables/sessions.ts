/* Sessions and what the room decides in them: events, polls, anonymous proposals and positions. */

export interface SessionTable {
  id: string
  workspace_id: string
  title: string
  kind: string
  agenda: string
  state: string
  created_by: string
  created_at: string
}

export interface SessionEventTable {
  session_id: string
  sequence: number
  event: string
}

export interface PollTable {
  id: string
  session_id: string
  spec: string
  status: string
  ballot_key: Uint8Array | null
  created_by: string
  created_at: string
  closed_at: string | null
}

export interface PollAnswerTable {
  poll_id: string
  participant_id: string
  name: string
  grp: string
  answer: string
  at: string
}

export interface PollBallotTable {
  poll_id: string
  voter: string
}

export interface PollAnonymousAnswerTable {
  poll_id: string
  receipt: string
  grp: string
  answer: string
}

export interface PollIdeaTable {
  poll_id: string
  id: string
  text: string
  author_id: string | null
}

export interface AnonymousProposalTable {
  proposal_id: string
  session_id: string
  ballot_key: Uint8Array | null
}

export interface ProposalBallotTable {
  proposal_id: string
  voter: string
}

export interface AnonymousPositionTable {
  proposal_id: string
  receipt: string
  grp: string
  value: string
  reason: string | null
}

export interface SessionTables {
  session: SessionTable
  session_event: SessionEventTable
  poll: PollTable
  poll_answer: PollAnswerTable
  poll_ballot: PollBallotTable
  poll_anonymous_answer: PollAnonymousAnswerTable
  poll_idea: PollIdeaTable
  anonymous_proposal: AnonymousProposalTable
  proposal_ballot: ProposalBallotTable
  anonymous_position: AnonymousPositionTable
}
