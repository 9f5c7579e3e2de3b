import type { LoadedRoom } from './ports.js'
import type { Room } from './room.js'

type Entry = { state: 'loading'; ready: Promise<Room> } | { state: 'loaded'; room: Room }

/**
 * The rooms in memory. A room is loaded once however many clients ask for it at the same time,
 * and is forgotten only by `evict`; a client asking after that gets a fresh load from storage.
 */
export class RoomRegistry<Loaded = LoadedRoom> {
  #entries = new Map<string, Entry>()

  constructor(
    private readonly load: (name: string) => Promise<Loaded>,
    private readonly create: (name: string, loaded: Loaded) => Room,
  ) {}

  get size(): number {
    return this.#entries.size
  }

  loaded(): Room[] {
    const rooms: Room[] = []
    for (const entry of this.#entries.values()) if (entry.state === 'loaded') rooms.push(entry.room)
    return rooms
  }

  get(name: string): Room | undefined {
    const entry = this.#entries.get(name)
    return entry?.state === 'loaded' ? entry.room : undefined
  }

  /** The loaded room, loading it if needed; rejects (and remembers nothing) if loading fails. */
  acquire(name: string): Promise<Room> {
    const entry = this.#entries.get(name)
    if (entry?.state === 'loaded') return Promise.resolve(entry.room)
    if (entry?.state === 'loading') return entry.ready
    const ready = (async () => {
      try {
        const room = this.create(name, await this.load(name))
        this.#entries.set(name, { state: 'loaded', room })
        return room
      } catch (error) {
        // Never leave an empty room behind: the next client tries to load it again.
        this.#entries.delete(name)
        throw error
      }
    })()
    this.#entries.set(name, { state: 'loading', ready })
    return ready
  }

  evict(room: Room): void {
    const entry = this.#entries.get(room.name)
    if (entry?.state === 'loaded' && entry.room === room) this.#entries.delete(room.name)
  }
}
