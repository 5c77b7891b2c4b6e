'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { subscribeMapEvents } from '@/components/realtime/map-event-bus';
import type { CommentView } from '@/server/domain/comments/list-comments';
import type { TCommentTarget } from '@/shared/schemas/comment';
import { useTRPC } from '@/trpc/client';
import { MentionInput, type MentionMember } from './mention-input';

interface Props {
  mapId: string;
  target: TCommentTarget;
}

const formatWhen = (date: Date) =>
  new Date(date).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The discussion on one claim, passage or the map: threads with replies one level deep, live. */
export function CommentThread({ mapId, target }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const thread = useQuery(trpc.comment.list.queryOptions({ target }));
  const members = useQuery(trpc.member.list.queryOptions({ mapId }));
  const queryKey = trpc.comment.list.queryKey({ target });

  // The stream's comment events (and setting changes) refresh the thread; the counts come through the reducer.
  useEffect(
    () =>
      subscribeMapEvents(mapId, ({ event }) => {
        const isThisThread = event.type.startsWith('comment.') && 'targetId' in event.payload && event.payload.targetId === target.id;
        const isNewHere = event.type === 'comment.created' && event.payload.comment.targetId === target.id;
        if (isThisThread || isNewHere || event.type === 'map.updated' || event.type === 'member.changed') {
          void queryClient.invalidateQueries({ queryKey });
        }
      }),
    [mapId, target.id, queryClient, queryKey],
  );

  const mentionable: MentionMember[] = (members.data?.members ?? []).flatMap((member) =>
    member.userId && member.displayName && !member.isYou ? [{ userId: member.userId, displayName: member.displayName }] : [],
  );
  const comments = thread.data?.comments ?? [];
  const heads = comments.filter((comment) => comment.parentId === null);
  const open = heads.filter((head) => !head.isResolved);
  const resolved = heads.filter((head) => head.isResolved);
  const repliesOf = (id: string) => comments.filter((comment) => comment.parentId === id);
  const canComment = thread.data?.blockReason === null;
  const threadList = (list: typeof heads) => (
    <ol className="comment-list">
      {list.map((head) => (
        <Thread key={head.id} head={head} replies={repliesOf(head.id)} target={target} canComment={canComment} mentionable={mentionable} />
      ))}
    </ol>
  );

  return (
    <section className="panel-section comment-thread" aria-label="Comments">
      <h3>
        Comments <span className="muted">({comments.filter((comment) => !comment.isDeleted && !comment.isHidden).length})</span>
      </h3>
      {thread.isError && <p className="form-error">{thread.error.message}</p>}
      {open.length === 0 && resolved.length === 0 && thread.isSuccess && <p className="muted small">No comments yet.</p>}
      {threadList(open)}
      {resolved.length > 0 && (
        <details className="comment-resolved">
          <summary>
            {resolved.length} resolved {resolved.length === 1 ? 'thread' : 'threads'}
          </summary>
          {threadList(resolved)}
        </details>
      )}
      {thread.data &&
        (canComment ? <Composer target={target} mentionable={mentionable} /> : <p className="muted small">{thread.data.blockReason}</p>)}
    </section>
  );
}

function useCommentMutations(target: TCommentTarget) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.comment.list.queryKey({ target }) });
  return {
    create: useMutation(trpc.comment.create.mutationOptions({ onSuccess })),
    update: useMutation(trpc.comment.update.mutationOptions({ onSuccess })),
    remove: useMutation(trpc.comment.delete.mutationOptions({ onSuccess })),
    resolve: useMutation(trpc.comment.resolve.mutationOptions({ onSuccess })),
    hide: useMutation(trpc.comment.hide.mutationOptions({ onSuccess })),
  };
}

function Composer({
  target,
  mentionable,
  parentId,
  onDone,
}: {
  target: TCommentTarget;
  mentionable: MentionMember[];
  parentId?: string;
  onDone?: () => void;
}) {
  const { create } = useCommentMutations(target);
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const submit = () => {
    if (!text.trim() || create.isPending) return;
    create.mutate(
      { target, text, parentId, mentionUserIds: mentions.length ? mentions : undefined },
      {
        onSuccess: () => {
          setText('');
          setMentions([]);
          onDone?.();
        },
      },
    );
  };
  return (
    <form
      className="comment-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <MentionInput
        label={parentId ? 'Reply' : 'Add a comment'}
        placeholder={parentId ? 'Reply…' : 'Add a comment — type @ to mention someone'}
        value={text}
        onChange={setText}
        onMention={(userId) => setMentions((ids) => (ids.includes(userId) ? ids : [...ids, userId]))}
        members={mentionable}
        onSubmit={submit}
        autoFocus={Boolean(parentId)}
      />
      {create.isError && <p className="form-error">{create.error.message}</p>}
      <div className="panel-actions">
        <button type="submit" className="btn btn-small" disabled={!text.trim() || create.isPending}>
          {parentId ? 'Reply' : 'Comment'}
        </button>
        {onDone && (
          <button type="button" className="btn btn-small btn-link" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function Thread({
  head,
  replies,
  target,
  canComment,
  mentionable,
}: {
  head: CommentView;
  replies: CommentView[];
  target: TCommentTarget;
  canComment: boolean;
  mentionable: MentionMember[];
}) {
  const [isReplying, setIsReplying] = useState(false);
  const { resolve } = useCommentMutations(target);
  return (
    <li className="comment-thread-item" data-comment-id={head.id}>
      <Comment comment={head} target={target} mentionable={mentionable} />
      {replies.length > 0 && (
        <ol className="comment-replies">
          {replies.map((reply) => (
            <li key={reply.id} data-comment-id={reply.id}>
              <Comment comment={reply} target={target} mentionable={mentionable} />
            </li>
          ))}
        </ol>
      )}
      <div className="comment-actions">
        {canComment && !head.isDeleted && !isReplying && (
          <button type="button" className="btn-link small" onClick={() => setIsReplying(true)}>
            Reply
          </button>
        )}
        {head.canResolve && (
          <button type="button" className="btn-link small" onClick={() => resolve.mutate({ id: head.id, isResolved: !head.isResolved })}>
            {head.isResolved ? 'Reopen' : 'Resolve'}
          </button>
        )}
      </div>
      {resolve.isError && <p className="form-error">{resolve.error.message}</p>}
      {isReplying && <Composer target={target} mentionable={mentionable} parentId={head.id} onDone={() => setIsReplying(false)} />}
    </li>
  );
}

function Comment({ comment, target, mentionable }: { comment: CommentView; target: TCommentTarget; mentionable: MentionMember[] }) {
  const { update, remove, hide } = useCommentMutations(target);
  const [draft, setDraft] = useState<string | null>(null);
  const error = update.error ?? remove.error ?? hide.error;
  return (
    <article className={`comment${comment.isHidden ? ' is-hidden' : ''}`}>
      <p className="comment-meta small">
        <strong>{comment.authorName ?? 'Someone'}</strong> <span className="muted">· {formatWhen(comment.createdAt)}</span>
        {comment.isEdited && <span className="muted"> · edited</span>}
      </p>
      {draft !== null ? (
        <form
          className="comment-form"
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate({ id: comment.id, text: draft }, { onSuccess: () => setDraft(null) });
          }}
        >
          <MentionInput
            label="Edit comment"
            value={draft}
            onChange={setDraft}
            onMention={() => {}}
            members={mentionable}
            onSubmit={() => update.mutate({ id: comment.id, text: draft }, { onSuccess: () => setDraft(null) })}
            autoFocus
          />
          <div className="panel-actions">
            <button type="submit" className="btn btn-small" disabled={!draft.trim() || update.isPending}>
              Save
            </button>
            <button type="button" className="btn btn-small btn-link" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p className="comment-text">
          {comment.isDeleted ? <em className="muted">This comment was deleted.</em> : null}
          {comment.isHidden ? <em className="muted">Hidden by the owner{comment.text ? ': ' : '.'}</em> : null}
          {comment.text}
        </p>
      )}
      {draft === null && (comment.canEdit || comment.canDelete || comment.canHide) && (
        <div className="comment-actions">
          {comment.canEdit && (
            <button type="button" className="btn-link small" onClick={() => setDraft(comment.text ?? '')}>
              Edit
            </button>
          )}
          {comment.canDelete && (
            <button type="button" className="btn-link small" onClick={() => remove.mutate({ id: comment.id })}>
              Delete
            </button>
          )}
          {comment.canHide && (
            <button type="button" className="btn-link small" onClick={() => hide.mutate({ id: comment.id })}>
              Hide
            </button>
          )}
        </div>
      )}
      {error && <p className="form-error">{error.message}</p>}
    </article>
  );
}
