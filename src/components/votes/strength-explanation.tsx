'use client';

import { useDeferredValue, useMemo } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import { explainNodeStrength } from '@/shared/strength/strength-of-map';
import { useStrengths, type StrengthInfo } from './use-strengths';
import { excerpt } from '@/shared/truncate';

export interface StrengthExplanationProps {
  map: MapView;
  /** A claim or evidence passage id. */
  nodeId: string;
  /** The map's strengths when the caller already has them (from useStrengths); computed otherwise. */
  strengths?: StrengthInfo;
}

export const formatStrength = (value: number) => value.toFixed(2);

/**
 * Why a claim has its computed strength: "Base 0.62 from 14 votes; raised by 2 supporters
 * (combined 0.71), lowered by 1 opposer (0.40): strength 0.78.", then each contribution.
 */
export function StrengthExplanation({ map: currentMap, nodeId, strengths }: StrengthExplanationProps) {
  // A pass over the whole map: it follows the map as a deferred value, outside the urgent render of a change.
  const map = useDeferredValue(currentMap);
  const computed = useStrengths(map);
  const info = strengths ?? computed;
  const explanation = useMemo(
    () => explainNodeStrength(map, nodeId, { strengths: info.strengths, converged: info.converged, unrated: info.unrated }),
    [map, nodeId, info],
  );
  const nameOf = (id: string): string => {
    const claim = map.claims.find((item) => item.id === id);
    if (claim) return excerpt(claim.text, 70);
    const passage = map.evidence.find((item) => item.id === id);
    return passage ? `“${excerpt(passage.exact, 60)}”` : 'an unknown node';
  };

  return (
    <section className="strength-explanation" aria-label="Computed strength" data-strength={explanation.strength}>
      {explanation.isUnrated ? (
        <p className="strength-explanation-score">
          Computed strength <strong>unrated</strong>
        </p>
      ) : (
        <p className="strength-explanation-score">
          Computed strength <strong>{formatStrength(explanation.strength)}</strong>
          <span className="strength-meter" aria-hidden="true">
            <span style={{ width: `${explanation.strength * 100}%` }} />
          </span>
        </p>
      )}
      <p className="strength-explanation-text small">{explanation.text}</p>
      {explanation.contributions.length > 0 && (
        <ul className="stack-list strength-contributions small" aria-label="Contributions">
          {explanation.contributions.map((contribution) => (
            <li key={`${contribution.relation}:${contribution.fromId}`} className={contribution.relation}>
              <span className="strength-contribution-sign" aria-hidden="true">
                {contribution.relation === 'support' ? '+' : '−'}
              </span>{' '}
              {contribution.relation === 'support' ? 'Supported by' : 'Opposed by'} {nameOf(contribution.fromId)}{' '}
              <span className="muted">(strength {formatStrength(contribution.strength)})</span>
            </li>
          ))}
        </ul>
      )}
      <p className="strength-explanation-note muted small">
        DF-QuAD: supporters and opposers each combine as 1 − Π(1 − strength); the stronger side moves the base score toward 1 or 0.
      </p>
    </section>
  );
}
