/** Suggesting changes on the plan and who wrote what, in English. */
export const suggestEn = {
  'suggest.mode': 'Suggest changes',
  'suggest.modeHint': 'Your edits to the wording become suggestions that writers accept or reject',
  'suggest.on': 'Suggesting: your edits are marked as suggestions.',
  'suggest.title': 'Suggestions',
  'suggest.none': 'No suggestions.',
  'suggest.insert': 'Add',
  'suggest.delete': 'Remove',
  'suggest.by': '{name} ({group})',
  'suggest.accept': 'Accept',
  'suggest.reject': 'Reject',
  'suggest.acceptLabel': 'Accept: {kind} “{text}”',
  'suggest.rejectLabel': 'Reject: {kind} “{text}”',
  'suggest.acceptAllBy': 'Accept all from {name}',
  'suggest.rejectAllBy': 'Reject all from {name}',
  'suggest.saveAccepted': 'Save with every suggestion accepted (the live text keeps them)',
  'suggest.count': '{count} suggestions',
}
