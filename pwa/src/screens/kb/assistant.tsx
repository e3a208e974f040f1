/**
 * The virtual assistant (`#/assistant`): a question typed as people type it, an answer
 * made only of the passages it cites, each citation a link to its article. Without a
 * signal it answers from the articles kept on the phone, and says so. A conversation
 * keeps its id (a follow-up is asked in the same conversation) until the screen is left.
 */
import { useRef, useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { type Answer, answerOffline, askAssistant, keptArticles } from '../../data/knowledge';
import { newId } from '../../data/ids';
import { useI18n } from '../../i18n';
import { type ScreenProps, href } from '../../router';
import { Snippet } from './index';

interface Exchange {
  question: string;
  answer: Answer;
}

export function AssistantScreen(_props: ScreenProps<'assistant'>) {
  const { t } = useI18n();
  const { online } = useApp();
  const [question, setQuestion] = useState('');
  const [exchanges, setExchanges] = useState<Exchange[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const conversation = useRef<string>(newId());

  const ask = async (event: Event): Promise<void> => {
    event.preventDefault();
    const text = question.trim();
    if (!text) {
      setError(t('kb.questionRequired'));
      return;
    }
    setWorking(true);
    setError(null);
    const offline = async (): Promise<Answer> => answerOffline(await keptArticles(), text);
    try {
      let answer: Answer;
      if (!online) {
        answer = await offline();
      } else {
        try {
          const reply = await askAssistant(text, conversation.current);
          if (!reply.answer) {
            setError(reply.errors.map((e) => e.message).join(' ') || t('kb.askFailed'));
            return;
          }
          answer = reply.answer;
        } catch {
          answer = await offline();
        }
      }
      setExchanges((now) => [...now, { question: text, answer }]);
      setQuestion('');
    } finally {
      setWorking(false);
    }
  };

  return (
    <section class="assistant">
      <h1>{t('kb.assistantTitle')}</h1>
      <p class="hint">{t('kb.assistantIntro')}</p>
      <ol class="exchanges" aria-live="polite">
        {exchanges.map((x, i) => (
          <li key={i} class="exchange">
            <p class="asked">
              <span class="visually-hidden">{t('kb.youAsked')} </span>
              {x.question}
            </p>
            <AnswerView answer={x.answer} />
          </li>
        ))}
      </ol>
      <form onSubmit={ask} noValidate class="ask">
        <label for="kb-question">{t('kb.question')}</label>
        <textarea id="kb-question" rows={2} maxLength={500} value={question} placeholder={t('kb.questionPlaceholder')} aria-describedby={error ? 'kb-question-error' : undefined} onInput={(e) => setQuestion(e.currentTarget.value)} />
        {error && (
          <p id="kb-question-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary wide-button" disabled={working}>
          {working ? t('kb.asking') : t('kb.ask')}
        </button>
      </form>
      <p class="kb-links">
        <a href={href({ name: 'kb' })}>{t('kb.browse')}</a>
      </p>
    </section>
  );
}

function AnswerView({ answer }: { answer: Answer }) {
  const { t } = useI18n();
  return (
    <div class="card answer" data-testid="answer">
      {answer.offline && <p class="meta">{t('kb.answeredOffline')}</p>}
      {answer.answered ? (
        <>
          {answer.message && <p class="meta">{answer.message}</p>}
          {answer.answer.split(/\n\s*\n/).map((part, i) => (
            <Snippet key={i} text={part} />
          ))}
          <h2 class="sources">{t('kb.sources')}</h2>
          <ul class="plain citations">
            {answer.citations
              .filter((c, i, all) => all.findIndex((o) => o.article.slug === c.article.slug) === i)
              .map((c) => (
              <li key={c.article.slug}>
                <a href={href({ name: 'kbArticle', slug: c.article.slug })}>{c.article.title}</a>
              </li>
              ))}
          </ul>
        </>
      ) : (
        <>
          <p>{answer.message || t('kb.notAnswered')}</p>
          {answer.suggestions.length > 0 && (
            <>
              <h2 class="sources">{t('kb.closest')}</h2>
              <ul class="plain">
                {answer.suggestions.map((s) => (
                  <li key={s.slug}>
                    <a href={href({ name: 'kbArticle', slug: s.slug })}>{s.title}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
