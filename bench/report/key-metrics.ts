/**
 * The one number per scenario that Mufakat's ratio to each peer is given for, and which
 * Mufakat target that is (default: the single-process subject).
 */
export const KEY_METRICS: Record<
  string,
  { metric: string; label: string; better: 'lower' | 'higher'; subject?: string }
> = {
  S1: { metric: 'p99Ms', label: 'p99 latency', better: 'lower' },
  S2: { metric: 'connectAllMs', label: 'connect+sync all', better: 'lower' },
  S3: { metric: 'updatesPerSec', label: 'updates/s', better: 'higher' },
  S4: { metric: 'maxSustainedPerSec', label: 'max sustained deliveries/s', better: 'higher' },
  S5: { metric: 'syncedMs', label: 'first synced', better: 'lower' },
  S6: { metric: 'afterGcRssMb', label: 'RSS after GC', better: 'lower' },
  S7: { metric: 'p99Ms', label: 'p99 latency', better: 'lower', subject: 'mufakat-cluster' },
  S8: {
    metric: 'deliveredPerSec',
    label: 'deliveries/s cluster-wide',
    better: 'higher',
    subject: 'mufakat-cluster',
  },
  S10: { metric: 'p99Ms', label: 'keystroke to remote render p99', better: 'lower' },
  S9: { metric: 'lateJoinMs', label: 'late joiner synced', better: 'lower' },
}
