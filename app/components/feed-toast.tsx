import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { CheckIcon, AlertIcon } from "./icons";

type ToastTone = "success" | "error";
interface ToastMessage {
  id: number;
  text: string;
  tone: ToastTone;
}

const ToastContext = createContext<(text: string, tone?: ToastTone) => void>(() => {});

/** `const notify = useToast(); notify("链接已复制")` — a short result message for the page. */
export function useToast() {
  return useContext(ToastContext);
}

/**
 * Hosts a page's toasts in one polite live region that is always in the document, so screen readers
 * announce each message when its text appears (a region inserted together with its text is often missed).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<ToastMessage | null>(null);
  const notify = useCallback((text: string, tone: ToastTone = "success") => {
    setMessage((prev) => ({ id: (prev?.id ?? 0) + 1, text, tone }));
  }, []);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), 3500);
    return () => clearTimeout(timer);
  }, [message]);
  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {message ? (
          <div key={message.id} className={`toast toast-${message.tone}`} data-testid="toast">
            {message.tone === "error" ? <AlertIcon size={18} /> : <CheckIcon size={18} />}
            <span>{message.text}</span>
          </div>
        ) : null}
      </div>
    </ToastContext.Provider>
  );
}
