import type { RoomAccess } from '../client/light-client.js'
import { httpRequest } from '../lib/net.js'

// Parallel REST calls while creating documents: quick, without queueing hundreds at once.
const CONCURRENCY = 8

interface Workspace {
  id: string
  token: string
}

/**
 * Mufakat's provisioning hook. Mufakat only syncs rooms that exist and only to a token
 * holder, so before clients connect the bench creates a workspace (its facilitator token
 * is the one every light client uses) and one blank document per room, through the
 * public REST API like any client would. The workspace is created once per data
 * directory and kept across restarts (S5 reopens the same room with the same token).
 *
 * A server without that API (404) gets plain room names and no token.
 */
export const mufakatProvisioner = (port: number) => {
  const base = `http://127.0.0.1:${port}`
  let workspace: Workspace | null | undefined
  const plain = (room: string): RoomAccess => ({
    url: `ws://127.0.0.1:${port}/sync/${room}`,
    documentName: room,
    token: '',
  })

  const ensureWorkspace = async (): Promise<Workspace | null> => {
    if (workspace !== undefined) return workspace
    const answer = await httpRequest(`${base}/api/workspaces`, {
      method: 'POST',
      json: { name: 'Benchmark' },
    })
    if (answer.status === 404) {
      workspace = null
      return null
    }
    if (answer.status !== 201)
      throw new Error(`creating a workspace: ${answer.status} ${answer.body}`)
    const created = JSON.parse(answer.body) as { token: string; workspace: { id: string } }
    workspace = { id: created.workspace.id, token: created.token }
    return workspace
  }

  const createRoom = async (owner: Workspace, label: string): Promise<RoomAccess> => {
    const answer = await httpRequest(`${base}/api/workspaces/${owner.id}/documents`, {
      method: 'POST',
      json: { title: label },
      headers: { authorization: `Bearer ${owner.token}` },
      timeoutMs: 30_000,
    })
    if (answer.status !== 201)
      throw new Error(`creating a document: ${answer.status} ${answer.body}`)
    const { document } = JSON.parse(answer.body) as { document: { room: string } }
    return {
      url: `ws://127.0.0.1:${port}/sync/${document.room}?token=${encodeURIComponent(owner.token)}`,
      documentName: document.room,
      token: owner.token,
    }
  }

  return async (rooms: readonly string[]): Promise<Map<string, RoomAccess>> => {
    const owner = await ensureWorkspace()
    const access = new Map<string, RoomAccess>()
    if (owner === null) {
      for (const room of rooms) access.set(room, plain(room))
      return access
    }
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < rooms.length) {
        const label = rooms[next] ?? ''
        next += 1
        access.set(label, await createRoom(owner, label))
      }
    }
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rooms.length) }, worker))
    return access
  }
}
