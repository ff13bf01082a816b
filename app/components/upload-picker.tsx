import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useLocale, useT, type TFunction } from "~/i18n";

/** An upload already made (e.g. the media of a note being edited), as UploadView carries it. */
export interface ExistingUpload {
  id: string;
  kind: "image" | "video" | "avatar";
  url: string;
  thumbUrl: string | null;
}

export interface UploadPickerProps {
  /**
   * "post": 1–`max` photos or one video (a note); "images": photos only; "avatar": one photo,
   * cropped square by the server.
   */
  mode: "post" | "images" | "avatar";
  /** Name of the hidden inputs carrying the ready upload ids, in order (e.g. "mediaIds"). */
  name: string;
  /** Most items; defaults to 9 for notes, 1 for avatars. */
  max?: number;
  /** Uploads to start with, e.g. when editing. */
  initial?: ExistingUpload[];
  /** Field errors the form's action returned for `name`. */
  errors?: string[];
  /** Overrides the label of the add button. */
  label?: string;
  /** Called with the ready ids, in order, whenever they change. */
  onChange?: (uploadIds: string[]) => void;
  /** Called with true while any file is still uploading, so a form can hold its submit button. */
  onBusyChange?: (busy: boolean) => void;
}

type ItemStatus = "uploading" | "processing" | "ready" | "error";
interface Item {
  key: string;
  kind: "image" | "video";
  name: string;
  previewUrl: string | null;
  /** Object URLs made here are revoked when the item goes. */
  ownsPreview: boolean;
  status: ItemStatus;
  progress: number;
  uploadId: string | null;
  error: string | null;
  file: File | null;
}

const IMAGE_TYPES = "image/jpeg,image/png,image/webp,image/gif,image/avif";
const VIDEO_TYPES = "video/mp4,video/quicktime,video/webm";

/** The error message of an /api/v1 response: the first field message, else the general one. */
async function apiErrorOf(res: Response, fallback: string): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string; fields?: Record<string, string[]> } };
    const fields = body.error?.fields ? Object.values(body.error.fields).flat() : [];
    return fields[0] ?? body.error?.message ?? fallback;
  } catch {
    return fallback;
  }
}

/** PUTs the bytes with XMLHttpRequest, the one browser API that reports upload progress. */
function putWithProgress(
  url: string,
  file: File,
  headers: Record<string, string>,
  onProgress: (percent: number) => void,
): Promise<{ ok: boolean; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(file);
  });
}

/**
 * The three steps of an upload: declare it, PUT the bytes, complete it. Resolves with the upload id.
 * Requests to this server name the page's language, so a refused file is explained in the language
 * the page is in (the API would otherwise follow the browser's).
 */
async function uploadOne(
  file: File,
  kind: "image" | "video" | "avatar",
  t: TFunction,
  locale: string,
  onStep: (status: ItemStatus, progress: number) => void,
): Promise<string> {
  const json = { "content-type": "application/json", accept: "application/json", "accept-language": locale };
  const created = await fetch("/api/v1/uploads", {
    method: "POST",
    headers: json,
    body: JSON.stringify({ kind, contentType: file.type, size: file.size, filename: file.name.slice(0, 255) }),
  });
  if (!created.ok) throw new Error(await apiErrorOf(created, t("media.picker.failed")));
  const { upload, uploadUrl, headers } = (await created.json()) as {
    upload: { id: string };
    uploadUrl: string;
    headers: Record<string, string>;
  };
  // Only our own upload URL answers in a language; an object store's presigned URL gets its headers as given.
  const ours = new URL(uploadUrl, window.location.href).origin === window.location.origin;
  const putHeaders = ours ? { ...headers, "accept-language": locale } : headers;
  const put = await putWithProgress(uploadUrl, file, putHeaders, (p) => onStep("uploading", p));
  if (!put.ok) {
    let message = t("media.picker.failed");
    try {
      const body = JSON.parse(put.body) as { error?: { message?: string; fields?: Record<string, string[]> } };
      message = Object.values(body.error?.fields ?? {}).flat()[0] ?? body.error?.message ?? message;
    } catch {
      // An object store answers in XML; the generic message will do.
    }
    throw new Error(message);
  }
  onStep("processing", 100);
  const completed = await fetch(`/api/v1/uploads/${upload.id}/complete`, { method: "POST", headers: json, body: "{}" });
  if (!completed.ok) throw new Error(await apiErrorOf(completed, t("media.picker.failed")));
  return upload.id;
}

/**
 * A reusable, accessible picker for note media and avatars. Files upload as soon as they are chosen
 * (with a progress bar each), can be reordered and removed, and the ready upload ids are written to
 * hidden inputs named `name`, so the enclosing form posts them like any other field.
 * Without JavaScript it says so; the rest of the form keeps working.
 */
export function UploadPicker({ mode, name, max, initial, errors, label, onChange, onBusyChange }: UploadPickerProps) {
  const t = useT();
  const locale = useLocale();
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const limit = max ?? (mode === "avatar" ? 1 : 9);
  const [hydrated, setHydrated] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [items, setItems] = useState<Item[]>(() =>
    (initial ?? []).map((u) => ({
      key: u.id,
      kind: u.kind === "video" ? "video" : "image",
      name: "",
      previewUrl: u.kind === "video" ? null : (u.thumbUrl ?? u.url),
      ownsPreview: false,
      status: "ready",
      progress: 100,
      uploadId: u.id,
      error: null,
      file: null,
    })),
  );
  const itemsRef = useRef(items);
  itemsRef.current = items;
  useEffect(() => setHydrated(true), []);
  // Previews made here are released when the picker goes away.
  useEffect(
    () => () => {
      for (const item of itemsRef.current) if (item.ownsPreview && item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    },
    [],
  );

  const readyIds = items.filter((i) => i.status === "ready" && i.uploadId).map((i) => i.uploadId!);
  const busy = items.some((i) => i.status === "uploading" || i.status === "processing");
  const readyKey = readyIds.join(",");
  useEffect(() => onChange?.(readyKey ? readyKey.split(",") : []), [readyKey]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => onBusyChange?.(busy), [busy]); // eslint-disable-line react-hooks/exhaustive-deps

  const update = useCallback((key: string, patch: Partial<Item>) => {
    setItems((current) => current.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  }, []);

  const start = useCallback(
    (item: Item) => {
      if (!item.file) return;
      const uploadKind = mode === "avatar" ? "avatar" : item.kind;
      update(item.key, { status: "uploading", progress: 0, error: null });
      uploadOne(item.file, uploadKind, t, locale, (status, progress) => update(item.key, { status, progress }))
        .then((uploadId) => update(item.key, { status: "ready", progress: 100, uploadId }))
        .catch((e: Error) =>
          update(item.key, { status: "error", error: e.message === "network" ? t("media.picker.networkError") : e.message }),
        );
    },
    [mode, t, locale, update],
  );

  const add = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setNotice(null);
    const chosen = Array.from(files).map<Item>((file, n) => {
      const kind = file.type.startsWith("video/") ? "video" : "image";
      return {
        key: `${Date.now()}-${n}-${file.name}`,
        kind,
        name: file.name,
        previewUrl: URL.createObjectURL(file),
        ownsPreview: true,
        status: "uploading",
        progress: 0,
        uploadId: null,
        error: null,
        file,
      };
    });
    const current = mode === "avatar" ? [] : items;
    const hasVideo = [...current, ...chosen].some((i) => i.kind === "video");
    let accepted = chosen;
    if (mode === "post" && hasVideo && current.length + chosen.length > 1) {
      // A note carries photos or one video, never both.
      setNotice(t("media.picker.videoAlone"));
      accepted = chosen.filter((i) => i.kind === "image");
    }
    const room = Math.max(0, limit - current.length);
    if (accepted.length > room) {
      setNotice(t("media.picker.tooMany", { max: limit }));
      accepted = accepted.slice(0, room);
    }
    for (const item of chosen) if (!accepted.includes(item) && item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    if (mode === "avatar") for (const old of items) if (old.ownsPreview && old.previewUrl) URL.revokeObjectURL(old.previewUrl);
    setItems([...current, ...accepted]);
    for (const item of accepted) start(item);
  };

  const remove = (key: string) => {
    const item = items.find((i) => i.key === key);
    if (item?.ownsPreview && item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    setItems((current) => current.filter((i) => i.key !== key));
  };
  const move = (index: number, by: -1 | 1) => {
    setItems((current) => {
      const next = [...current];
      const [moved] = next.splice(index, 1);
      next.splice(index + by, 0, moved!);
      return next;
    });
  };

  const addLabel =
    label ??
    (mode === "avatar" ? t("media.picker.addAvatar") : mode === "post" ? t("media.picker.addMedia") : t("media.picker.addImages"));
  const hint =
    mode === "avatar"
      ? t("media.picker.hintAvatar")
      : mode === "post"
        ? t("media.picker.hintPost", { max: limit })
        : t("media.picker.hintImages", { max: limit });
  const accept = mode === "post" ? `${IMAGE_TYPES},${VIDEO_TYPES}` : IMAGE_TYPES;
  const full = mode !== "avatar" && (items.length >= limit || items.some((i) => i.kind === "video"));

  if (!hydrated) {
    return (
      <div className="upload-picker">
        <p className="upload-picker-nojs">{t("media.picker.noJs")}</p>
        {items.map((i) => (i.uploadId ? <input key={i.key} type="hidden" name={name} value={i.uploadId} /> : null))}
      </div>
    );
  }

  return (
    <div className={`upload-picker upload-picker-${mode}`}>
      {items.length > 0 ? (
        <ol className="upload-picker-list" aria-label={t("media.picker.list")}>
          {items.map((item, index) => {
            const n = index + 1;
            return (
              <li key={item.key} className={`upload-item upload-item-${item.status}`}>
                <div className="upload-item-preview">
                  {item.kind === "video" ? (
                    item.previewUrl ? (
                      <video src={item.previewUrl} muted playsInline preload="metadata" aria-label={item.name || t("media.picker.video")} />
                    ) : (
                      <span className="upload-item-video">{t("media.picker.video")}</span>
                    )
                  ) : item.previewUrl ? (
                    <img src={item.previewUrl} alt={item.name} />
                  ) : null}
                  {index === 0 && mode !== "avatar" ? <span className="upload-item-badge">{t("media.picker.cover")}</span> : null}
                </div>
                {item.status === "uploading" || item.status === "processing" ? (
                  <div className="upload-item-progress">
                    <div
                      className="upload-item-bar"
                      role="progressbar"
                      aria-label={t("media.picker.progress", { name: item.name || String(n) })}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={item.progress}
                    >
                      <span style={{ width: `${item.progress}%` }} />
                    </div>
                    <span className="upload-item-state">
                      {item.status === "processing" ? t("media.picker.processing") : t("media.picker.uploading", { percent: item.progress })}
                    </span>
                  </div>
                ) : null}
                {item.status === "error" ? (
                  <p className="upload-item-error" role="alert">
                    {item.error ?? t("media.picker.failed")}
                  </p>
                ) : null}
                <div className="upload-item-actions">
                  {mode !== "avatar" && items.length > 1 ? (
                    <>
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        onClick={() => move(index, -1)}
                        disabled={index === 0}
                        aria-label={t("media.picker.moveEarlier", { n })}
                      >
                        ←
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        onClick={() => move(index, 1)}
                        disabled={index === items.length - 1}
                        aria-label={t("media.picker.moveLater", { n })}
                      >
                        →
                      </button>
                    </>
                  ) : null}
                  {item.status === "error" && item.file ? (
                    <button type="button" className="btn btn-secondary btn-small" onClick={() => start(item)}>
                      {t("media.picker.retry")}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    onClick={() => remove(item.key)}
                    aria-label={t("media.picker.remove", { n })}
                  >
                    ×
                  </button>
                </div>
                {item.status === "ready" && item.uploadId ? <input type="hidden" name={name} value={item.uploadId} /> : null}
              </li>
            );
          })}
        </ol>
      ) : null}

      {full ? null : (
        <div className="upload-picker-add">
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept={accept}
            multiple={mode !== "avatar"}
            aria-describedby={hintId}
            onChange={(e) => {
              add(e.currentTarget.files);
              e.currentTarget.value = ""; // choosing the same file again fires change again
            }}
          />
          <label htmlFor={inputId} className="upload-picker-button">
            <span aria-hidden="true">+</span> {addLabel}
          </label>
        </div>
      )}
      <p id={hintId} className="field-hint">
        {hint}
      </p>
      <p className="upload-picker-status" aria-live="polite">
        {items.length > 0 ? t("media.picker.status", { done: readyIds.length, total: items.length }) : ""}
      </p>
      {notice ? (
        <p className="upload-picker-notice" role="status">
          {notice}
        </p>
      ) : null}
      {errors && errors.length > 0 ? (
        <ul className="field-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
