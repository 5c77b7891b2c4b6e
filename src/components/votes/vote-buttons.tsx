import { VOTE_LABELS } from '@/shared/schemas/vote';
import { VOTE_VALUES } from '@/shared/votes';

interface Props {
  myVote: number | null;
  onVote: (value: number) => void;
  /** The deck votes with the number keys, so each button names its key. */
  hasKeyShortcuts?: boolean;
  isValueDisabled?: (value: number) => boolean;
  className?: string;
}

/** The five vote buttons (0 none … 4 decisive), the caller's vote pressed. */
export function VoteButtons({ myVote, onVote, hasKeyShortcuts = false, isValueDisabled, className = 'vote-buttons' }: Props) {
  return (
    <div className={className} role="group" aria-label="Your vote">
      {VOTE_VALUES.map((value) => (
        <button
          key={value}
          type="button"
          className={`vote-button v${value}`}
          aria-pressed={myVote === value}
          aria-keyshortcuts={hasKeyShortcuts ? String(value) : undefined}
          disabled={isValueDisabled?.(value)}
          onClick={() => onVote(value)}
        >
          <span className="vote-button-value">{value}</span> <span className="vote-button-label">{VOTE_LABELS[value]}</span>
        </button>
      ))}
    </div>
  );
}
