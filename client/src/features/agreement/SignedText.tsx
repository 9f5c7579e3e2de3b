import { Fragment, useMemo } from 'react'
import { useT } from '../../app/i18n/i18n.js'
import { type Inline, parseSignedText } from './signed-text-blocks.js'

const InlineText = ({ parts }: { parts: Inline[] }) => (
  <>
    {parts.map((part, index) =>
      part.bold ? (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of a fixed text never move
        <strong key={index}>{part.text}</strong>
      ) : (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of a fixed text never move
        <Fragment key={index}>{part.text}</Fragment>
      ),
    )}
  </>
)

const Lines = ({ lines }: { lines: Inline[][] }) => (
  <>
    {lines.map((line, index) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a fixed text never move
      <Fragment key={index}>
        {index > 0 ? <br /> : null}
        <InlineText parts={line} />
      </Fragment>
    ))}
  </>
)

/**
 * An agreement's text, readable: its Markdown rendered as headings, lists and paragraphs in the
 * interface's font, built from React elements. The exact characters that were signed (and
 * hashed) stay one click away.
 */
export const SignedText = ({ text }: { text: string }) => {
  const t = useT()
  const blocks = useMemo(() => parseSignedText(text), [text])
  return (
    <div className="signed-text">
      <div className="signed-text__rendered" data-testid="agreement-text">
        {blocks.map((block, index) => {
          const key = `${block.kind}-${index}`
          switch (block.kind) {
            case 'heading': {
              const Heading = block.level <= 1 ? 'h3' : 'h4'
              return (
                <Heading key={key} className="signed-text__heading">
                  <InlineText parts={block.text} />
                </Heading>
              )
            }
            case 'paragraph':
              return (
                <p key={key}>
                  <Lines lines={block.lines} />
                </p>
              )
            case 'list': {
              const items = block.items.map((lines, item) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the items of a fixed text never move
                <li key={item}>
                  <Lines lines={lines} />
                </li>
              ))
              return block.ordered ? (
                <ol key={key} start={block.start}>
                  {items}
                </ol>
              ) : (
                <ul key={key}>{items}</ul>
              )
            }
            default: {
              const unknown: never = block
              return unknown
            }
          }
        })}
      </div>
      <details className="signed-text__exact">
        <summary>{t('agreement.showExactText')}</summary>
        <pre className="agreement-text" data-testid="agreement-exact-text">
          {text}
        </pre>
      </details>
    </div>
  )
}
