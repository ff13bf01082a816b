import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CommentSection, RelativeTime } from "~/components/comment-section";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useCategoryName } from "~/components/feed-nav";
import { ToastProvider } from "~/components/feed-toast";
import { FollowButton } from "~/components/follow-button";
import { AlertIcon, PenIcon } from "~/components/icons";
import { NoteActions } from "~/components/note-actions";
import { NoteProducts } from "~/components/commerce/product-bits";
import { DisclosureLabel, FanOnlyLock } from "~/components/campaigns/campaign-bits";
import { FanOnlyCommentsLock } from "~/components/fan-only/fan-only-comments-lock";
import { CURATION_INTENTS, NoteCurationPanel, type NoteCurationResult } from "~/components/note-curation/note-curation-panel";
import { noteCurationFor, runCurationIntent } from "~/components/note-curation/note-curation.server";
import { noteCampaignState } from "~/components/campaigns/note-state.server";
import campaignStyles from "~/styles/campaigns.css";
import shopStyles from "~/styles/commerce.css";
import { ShareLinkPanel } from "~/components/distribution-links/share-link-panel";
import { BodyText } from "~/components/note-body";
import { NoteCard } from "~/components/note-card";
import { NoteCarousel } from "~/components/note-carousel";
import { ReportMenu } from "~/components/report-menu";
import { UserAvatar } from "~/components/user-avatar";
import { useT } from "~/i18n";
import {
  createComment,
  deleteComment,
  deletePost,
  favoritePost,
  followUser,
  getPost,
  likePost,
  listComments,
  listUserPosts,
  noteIntentSchema,
  parseIntent,
  publishPost,
  reportContent,
  rethrowAsResponse,
  runIntent,
  sharePost,
  unfavoritePost,
  unfollowUser,
  unlikePost,
} from "~/utils/feed.server";
import { resolveLocale } from "~/utils/locale.server";
import { getUser, requireUser } from "~/utils/session.server";
import { useOptionalUser } from "~/utils/user";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: shopStyles },
  { rel: "stylesheet", href: campaignStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.post.title} · Seedbed` }, { name: "description", content: data.post.body.slice(0, 120) }] : [];

/** How many of the author's other notes the strip under a note shows. */
const MORE_FROM_AUTHOR = 6;

const FIRST_COMMENTS = 10;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const post = await getPost(context, params.id ?? "", user).catch(rethrowAsResponse);
  // getPost already keeps a fan-only note's text and pictures from a reader outside the fan group; its
  // comments stay with the fans too, so they aren't even read. A brand campaign's note carries 合作.
  const locked = post.fanOnlyLocked === true;
  const [{ disclosure }, comments, authorPosts, curation] = await Promise.all([
    noteCampaignState(context, post.id, user),
    // The first screenful of comments; "查看更多评论" fetches the rest page by page. Rendering every
    // comment of a busy note made its page several times heavier than the note itself.
    locked ? null : listComments(context, post.id, user, { limit: FIRST_COMMENTS }),
    listUserPosts(context, post.author.id, user, { limit: MORE_FROM_AUTHOR + 1 }),
    // The 运营 panel: staff only (null for everyone else, so nothing of it reaches their page).
    noteCurationFor(context, user, post.id, post.status === "published"),
  ]);
  return json({
    post,
    locked,
    disclosure,
    comments,
    curation,
    moreFromAuthor: authorPosts.items.filter((p) => p.id !== post.id && p.status === "published").slice(0, MORE_FROM_AUTHOR),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const postId = params.id ?? "";
  const formData = await request.formData();
  // The 运营 panel's posts: staff only (403 for members and creators), answered with field messages.
  const raw = formData.get("intent");
  if ((CURATION_INTENTS as readonly unknown[]).includes(raw)) {
    const user = await requireUser(request, context);
    return runCurationIntent(context, user, resolveLocale(request, user), postId, String(raw), formData);
  }
  const intent = parseIntent(formData, noteIntentSchema);
  // Sharing is open to visitors; everything else needs an account (visitors are sent to log in).
  if (intent.intent === "share") {
    const user = await getUser(request, context);
    return runIntent("share", resolveLocale(request, user), () =>
      sharePost(context, user, postId, { channel: "link" }, { ip: context.clientIp }),
    );
  }
  const user = await requireUser(request, context);
  const locale = resolveLocale(request, user);
  switch (intent.intent) {
    case "like":
      return runIntent(intent.intent, locale, () => likePost(context, user, postId));
    case "unlike":
      return runIntent(intent.intent, locale, () => unlikePost(context, user, postId));
    case "favorite":
      return runIntent(intent.intent, locale, () => favoritePost(context, user, postId));
    case "unfavorite":
      return runIntent(intent.intent, locale, () => unfavoritePost(context, user, postId));
    case "follow":
      return runIntent(intent.intent, locale, () => followUser(context, user, intent.userId));
    case "unfollow":
      return runIntent(intent.intent, locale, () => unfollowUser(context, user, intent.userId));
    case "comment":
      return runIntent(intent.intent, locale, async () => ({
        comment: await createComment(context, user, { postId, body: intent.body, parentId: intent.parentId }),
      }));
    case "deleteComment":
      return runIntent(intent.intent, locale, async () => {
        await deleteComment(context, user, intent.commentId);
        return {};
      });
    case "report":
      return runIntent(intent.intent, locale, async () => {
        await reportContent(context, user, {
          targetType: intent.targetType,
          targetId: intent.targetId,
          reason: intent.reason as never,
          detail: intent.detail,
        });
        return {};
      });
    case "publish":
      return runIntent(intent.intent, locale, async () => {
        await publishPost(context, user, postId);
        return {};
      });
    case "delete": {
      const result = await runIntent(intent.intent, locale, async () => {
        await deletePost(context, user, postId);
        return {};
      });
      return result.status === 200 ? redirect(`/u/${user.handle}`) : result;
    }
  }
}

function StatusBanner({ moderation, status }: { moderation: { status: string; reason: string | null; actionId: string | null; canAppeal: boolean } | null; status: string }) {
  const t = useT();
  if (status === "published") return null;
  if (status === "draft") {
    return (
      <div className="notice notice-info status-banner" role="note">
        <PenIcon size={20} />
        <div className="status-banner-body">
          <p>{t("feed.note.status.draft")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="btn btn-primary btn-small">
              {t("feed.publish.submit")}
            </button>
          </Form>
        </div>
      </div>
    );
  }
  const key = status === "held" ? "feed.note.status.held" : status === "hidden" ? "feed.note.status.hidden" : "feed.note.status.removed";
  return (
    <div className={`notice ${status === "held" ? "notice-info" : "notice-error"} status-banner`} role="note" data-testid="status-banner">
      <AlertIcon size={20} />
      <div className="status-banner-body">
        <p className="status-banner-title">{t(key)}</p>
        {moderation?.reason ? <p>{t("feed.note.status.reason", { reason: moderation.reason })}</p> : null}
        {moderation?.canAppeal && moderation.actionId ? (
          <Link to={`/appeals/new?${new URLSearchParams({ actionId: moderation.actionId })}`} className="link">
            {t("feed.note.appeal")}
          </Link>
        ) : null}
      </div>
    </div>
  );
}

export default function NotePage() {
  const t = useT();
  const nameOf = useCategoryName();
  const user = useOptionalUser();
  const { post, locked, disclosure, comments, curation, moreFromAuthor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Partial<NoteCurationResult> | undefined;
  const isAuthor = user?.id === post.author.id;
  const published = post.status === "published";
  return (
    <ToastProvider>
      <article className="note" aria-labelledby="note-title">
        <header className="note-author">
          <Link to={`/u/${post.author.handle}`} className="note-author-link">
            <UserAvatar user={post.author} size={40} />
            <span className="note-author-text">
              <span className="note-author-name">{post.author.displayName}</span>
              <span className="note-author-handle">@{post.author.handle}</span>
            </span>
          </Link>
          <FollowButton userId={post.author.id} following={post.author.followedByMe} name={post.author.displayName} />
          {user && !isAuthor && published ? <ReportMenu targetType="post" targetId={post.id} /> : null}
        </header>

        {isAuthor || post.moderation ? <StatusBanner moderation={post.moderation} status={post.status} /> : null}

        {locked ? <FanOnlyLock handle={post.author.handle} /> : <NoteCarousel media={post.media} title={post.title} />}

        <div className="note-content">
          <h1 id="note-title" className="note-title">
            {post.title}
          </h1>
          {disclosure ? <DisclosureLabel brand={disclosure} /> : null}
          {locked ? null : <BodyText tokens={post.bodyTokens} className="note-body" />}
          <p className="note-meta">
            <RelativeTime iso={post.publishedAt ?? post.createdAt} />
            {post.category ? (
              <>
                <span aria-hidden="true">·</span>
                <Link to={`/c/${encodeURIComponent(post.category.slug)}`} className="note-category">
                  {nameOf(post.category)}
                </Link>
              </>
            ) : null}
          </p>
          <NoteProducts products={post.products} />
          {post.canEdit ? (
            <div className="row note-owner-actions">
              <Link to={`/n/${post.id}/edit`} className="btn btn-secondary btn-small">
                <PenIcon size={16} />
                {t("feed.note.edit")}
              </Link>
              <details className="confirm">
                <summary className="btn btn-ghost btn-small">{t("feed.note.delete")}</summary>
                <div className="confirm-panel">
                  <p>{t("feed.note.deleteConfirm")}</p>
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete" />
                    <button type="submit" className="btn btn-danger btn-small">
                      {t("feed.note.deleteYes")}
                    </button>
                  </Form>
                </div>
              </details>
            </div>
          ) : null}
        </div>

        {published ? (
          <>
            <NoteActions
              liked={post.liked}
              likeCount={post.likeCount}
              favorited={post.favorited}
              favoriteCount={post.favoriteCount}
              commentCount={post.commentCount}
              shareCount={post.shareCount}
            />
            <ShareLinkPanel targetType="post" targetId={post.id} />
            {locked || !comments ? (
              <FanOnlyCommentsLock handle={post.author.handle} name={post.author.displayName} />
            ) : (
              <CommentSection postId={post.id} postAuthorId={post.author.id} page={comments} commentCount={post.commentCount} />
            )}
          </>
        ) : null}
      </article>

      {curation ? <NoteCurationPanel state={curation} result={actionData?.curationResult} /> : null}

      {moreFromAuthor.length > 0 ? (
        <section className="more-from-author" aria-labelledby="more-from-author">
          <h2 id="more-from-author" className="section-heading">
            {t("feed.note.moreFromAuthor", { name: post.author.displayName })}
          </h2>
          <div className="note-strip">
            {moreFromAuthor.map((card) => (
              <NoteCard key={card.id} card={card} />
            ))}
          </div>
        </section>
      ) : null}
    </ToastProvider>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
