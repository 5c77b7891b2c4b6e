'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useState, type CSSProperties } from 'react';
import type { ClaimFlowNode, DraftFlowNode, EvidenceFlowNode } from './flow-elements';
import { InlineEditor } from './inline-editor';
import { isPendingId } from './map-cache';
import { useMapActions } from './map-actions';
import { PeerChips } from './peer-chips';
import { TagChips } from './tag-chips';
import { VoteSummaryMini } from './vote-summary';
import { strengthLabel } from './strength-label';
import { useCollapseToggle } from './use-collapse';
import { ZRelation, type TRelation } from '@/shared/schemas/claim';

function CollapseToggle({ id, count, isCollapsed }: { id: string; count: number; isCollapsed: boolean }) {
  const toggle = useCollapseToggle();
  if (!toggle || count === 0) return null;
  const noun = count === 1 ? 'node' : 'nodes';
  return (
    <button
      type="button"
      className={`collapse-toggle nodrag nopan ${isCollapsed ? 'is-collapsed' : ''}`}
      aria-expanded={!isCollapsed}
      aria-label={isCollapsed ? `Show the ${count} hidden ${noun} below` : `Hide the ${count} ${noun} below`}
      title={isCollapsed ? `${count} hidden below: show them` : `Collapse the ${count} ${noun} below`}
      onClick={(event) => {
        event.stopPropagation();
        toggle(id);
      }}
    >
      {isCollapsed ? `+${count}` : '−'}
    </button>
  );
}

/** The node's own "add an argument under this" buttons; S and O do the same from the keyboard. */
const ADD_CHILD: Record<TRelation, { label: string; title: string }> = {
  support: { label: '+ Support', title: 'Add a supporting claim (S)' },
  oppose: { label: '+ Oppose', title: 'Add an opposing claim (O)' },
};

const CLAMP_CHARS = 150;

function needsClamp(text: string) {
  return text.length > CLAMP_CHARS || (text.match(/\n/g)?.length ?? 0) > 3;
}

function strengthStyle(strength: number | null): CSSProperties | undefined {
  if (strength === null) return undefined;
  return { '--strength': strength.toFixed(3), '--strength-hue': Math.round(strength * 130) } as CSSProperties;
}

function CommentBadge({ count }: { count: number | undefined }) {
  if (!count) return null;
  return (
    <span
      className="comment-badge"
      title={`${count} ${count === 1 ? 'comment' : 'comments'}`}
      aria-label={`${count} ${count === 1 ? 'comment' : 'comments'}`}
    >
      💬 {count}
    </span>
  );
}

function StrengthBadge({ strength, isUnrated = false }: { strength: number | null; isUnrated?: boolean }) {
  if (strength === null && !isUnrated) return null;
  const { text, title } = strengthLabel(isUnrated ? null : strength);
  return (
    <span className={`strength-badge ${isUnrated ? 'is-unrated' : ''}`} title={title}>
      {text}
    </span>
  );
}

/** The two handles every claim has: its own argument leaves from the top, what argues about it arrives at the bottom. */
function ClaimHandles({ isConnectable }: { isConnectable: boolean }) {
  return (
    <>
      <Handle
        type="source"
        id="out"
        position={Position.Top}
        isConnectable={isConnectable}
        title="Drag to a claim this one supports or opposes"
      />
      <Handle
        type="target"
        id="in"
        position={Position.Bottom}
        isConnectable={isConnectable}
        title="Drag to a claim that supports or opposes this one"
      />
    </>
  );
}

/** A proposal only its author and the moderators see until a moderator approves it. */
function AwaitingApprovalBadge() {
  return (
    <span className="badge badge-awaiting" title="Only you and the moderators see this until a moderator approves it">
      Waiting for approval
    </span>
  );
}

export const ClaimNode = memo(function ClaimNode({ id, data, selected }: NodeProps<ClaimFlowNode>) {
  const actions = useMapActions();
  const [isExpanded, setIsExpanded] = useState(false);
  const { claim, isEditing, canEdit, peers, strength } = data;
  const isPending = isPendingId(id);
  const editingPeer = peers.find((peer) => peer.isEditing);
  const isClamped = !isExpanded && needsClamp(claim.text);

  return (
    <div
      className={[
        'claim-node',
        selected ? 'is-selected' : '',
        isEditing ? 'is-editing' : '',
        isPending ? 'is-pending' : '',
        strength !== null ? 'has-strength' : '',
        data.isRecent ? 'is-recent' : '',
        claim.awaitingApproval ? 'is-awaiting-approval' : '',
      ].join(' ')}
      style={{ ...strengthStyle(strength), ...(editingPeer ? { outlineColor: editingPeer.color } : {}) }}
      data-peer-editing={editingPeer ? 'true' : undefined}
      data-strength={strength !== null ? strength.toFixed(3) : undefined}
    >
      <ClaimHandles isConnectable={canEdit && !isPending} />
      <PeerChips peers={peers} />
      {isEditing ? (
        <InlineEditor
          initialText={claim.text}
          label="Claim text"
          onSave={(text) => actions.saveEdit(id, text)}
          onCancel={() => actions.cancelEdit()}
        />
      ) : (
        <>
          {claim.title && <p className="claim-title">{claim.title}</p>}
          <p className={`claim-text ${isClamped ? 'is-clamped' : ''}`}>{claim.text}</p>
          <TagChips tags={claim.tags} />
          {needsClamp(claim.text) && (
            <button
              type="button"
              className="more-button nodrag"
              aria-expanded={isExpanded}
              onClick={(event) => {
                event.stopPropagation();
                setIsExpanded((value) => !value);
              }}
            >
              {isExpanded ? 'less' : 'more'}
            </button>
          )}
        </>
      )}
      <div className="node-footer">
        <span className="node-author">{claim.authorName ?? 'Anonymous'}</span>
        {claim.awaitingApproval && <AwaitingApprovalBadge />}
        <VoteSummaryMini votes={claim.votes} />
        <CommentBadge count={data.commentCount} />
        <StrengthBadge strength={strength} isUnrated={data.isUnrated} />
      </div>
      <CollapseToggle id={id} count={data.descendantCount} isCollapsed={data.isCollapsed} />
      {selected && canEdit && !isEditing && (
        <div className="node-actions nodrag nopan">
          {ZRelation.options.map((relation) => (
            <button
              key={relation}
              type="button"
              className={`node-action ${relation}`}
              onClick={() => actions.addChild(id, relation)}
              title={ADD_CHILD[relation].title}
            >
              {ADD_CHILD[relation].label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
});

export const EvidenceNode = memo(function EvidenceNode({ id, data, selected }: NodeProps<EvidenceFlowNode>) {
  const actions = useMapActions();
  const { evidence, sourceTitle, peers, strength } = data;
  return (
    <div
      className={[
        'evidence-node',
        selected ? 'is-selected' : '',
        strength !== null ? 'has-strength' : '',
        evidence.awaitingApproval ? 'is-awaiting-approval' : '',
      ].join(' ')}
      style={strengthStyle(strength)}
      data-strength={strength !== null ? strength.toFixed(3) : undefined}
    >
      <Handle
        type="source"
        id="out"
        position={Position.Top}
        isConnectable={data.canEdit}
        title="Drag to the claim this passage supports or opposes"
      />
      <PeerChips peers={peers} />
      <blockquote className="evidence-quote">
        <span className="is-clamped">“{evidence.exact}”</span>
      </blockquote>
      <p className="evidence-source">
        — <cite>{sourceTitle}</cite>
        {evidence.isOrphaned && (
          <span className="badge badge-warning" title="The source text changed and this passage could not be found again">
            passage moved
          </span>
        )}
      </p>
      <div className="node-footer">
        {evidence.awaitingApproval && <AwaitingApprovalBadge />}
        <VoteSummaryMini votes={evidence.votes} />
        <CommentBadge count={data.commentCount} />
        <StrengthBadge strength={strength} isUnrated={data.isUnrated} />
        <button
          type="button"
          className="btn-link nodrag open-source"
          onClick={(event) => {
            event.stopPropagation();
            actions.openSource(evidence.sourceId, id);
          }}
        >
          Open in source
        </button>
      </div>
    </div>
  );
});

export const DraftNode = memo(function DraftNode({ data }: NodeProps<DraftFlowNode>) {
  const actions = useMapActions();
  const label = data.relation === 'support' ? 'New supporting claim' : data.relation === 'oppose' ? 'New opposing claim' : 'New claim';
  return (
    <div className={`claim-node is-draft ${data.relation ?? ''}`}>
      <ClaimHandles isConnectable={false} />
      <span className="draft-label">{label}</span>
      <InlineEditor
        initialText=""
        label={label}
        placeholder={data.relation ? 'Why? State it as a claim…' : 'State a thesis or claim…'}
        onSave={(text) => actions.commitDraft(text)}
        onCancel={() => actions.cancelDraft()}
      />
    </div>
  );
});
