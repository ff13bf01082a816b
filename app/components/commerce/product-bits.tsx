import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n";

/** What a product tile needs (a ProductView or a note's product card). */
export interface ProductTile {
  id: string;
  title: string;
  priceCents: number;
  coverUrl: string | null;
  stock?: number;
  soldCount?: number;
  available?: boolean;
}

/** One product in a grid: square cover, title, price; sold out shows on the cover. */
export function ProductCard({ product }: { product: ProductTile }) {
  const t = useT();
  const format = useFormat();
  const soldOut = product.available === false || product.stock === 0;
  return (
    <li className="shop-card">
      <Link to={`/products/${product.id}`} className="shop-card-link">
        <div className="shop-image">
          {product.coverUrl ? <img src={product.coverUrl} alt="" loading="lazy" /> : <span className="shop-image-fallback" aria-hidden="true">{product.title.slice(0, 1)}</span>}
          {soldOut ? <span className="shop-ribbon">{product.available === false && product.stock !== 0 ? t("note.products.unavailable") : t("shop.soldOut")}</span> : null}
        </div>
        <div className="shop-card-body">
          <h3 className="shop-card-title">{product.title}</h3>
          <div className="shop-card-meta">
            <span className="shop-price">{format.money(product.priceCents)}</span>
            {product.soldCount ? <span className="muted">{t("shop.sold", { count: format.count(product.soldCount) })}</span> : null}
          </div>
        </div>
      </Link>
    </li>
  );
}

/** A note's linked products, as a horizontal strip of cards under the note. */
export function NoteProducts({ products }: { products: ProductTile[] }) {
  const t = useT();
  if (products.length === 0) return null;
  return (
    <section className="card card-body stack" aria-labelledby="note-products-title">
      <h2 id="note-products-title" className="shop-section-title">
        {t("note.products.title")}
      </h2>
      <ul className="shop-strip" aria-label={t("shop.productCards")}>
        {products.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
      </ul>
    </section>
  );
}

/** Order statuses, kept here rather than imported from db/schema, which must not reach the browser bundle. */
export const ORDER_STATUSES = ["pending", "paid", "confirmed", "partially_refunded", "refunded", "cancelled"] as const;

const STATUS_CLASS: Record<string, string> = {
  pending: "shop-state-pending",
  paid: "shop-state-paid",
  confirmed: "shop-state-done",
  partially_refunded: "shop-state-refund",
  refunded: "shop-state-refund",
  cancelled: "shop-state-cancelled",
};

export function OrderStatus({ status }: { status: string }) {
  const t = useT();
  return <span className={`shop-state ${STATUS_CLASS[status] ?? ""}`}>{t(`order.status.${status}` as "order.status.paid")}</span>;
}

/** One order in a list: number, status, lines, total. */
export function OrderSummary({
  order,
  href,
}: {
  order: { id: string; number: string; status: string; totalCents: number; refundedCents: number; createdAt: string; lines: { id: string; title: string; quantity: number; coverUrl: string | null }[] };
  href?: string;
}) {
  const t = useT();
  const format = useFormat();
  const title = order.lines.map((l) => t("order.line", { title: l.title, quantity: l.quantity })).join("、");
  const cover = order.lines.find((l) => l.coverUrl)?.coverUrl ?? null;
  const body = (
    <>
      <div className="shop-order-thumb">{cover ? <img src={cover} alt="" loading="lazy" /> : null}</div>
      <div className="shop-order-main">
        <div className="shop-row-head">
          <span className="muted">{order.number}</span>
          <OrderStatus status={order.status} />
        </div>
        <strong className="shop-order-title">{title}</strong>
        <span className="muted">{t("order.placedAt", { time: format.dateTime(order.createdAt) })}</span>
        <span>
          <span className="shop-price">{format.money(order.totalCents)}</span>
          {order.refundedCents > 0 ? <span className="muted"> · {t("order.refunded", { amount: format.money(order.refundedCents) })}</span> : null}
        </span>
      </div>
    </>
  );
  return href ? (
    <Link to={href} className="shop-order">
      {body}
    </Link>
  ) : (
    <div className="shop-order">{body}</div>
  );
}

/** Basis points as a percentage a person reads: 1,250 → 12.5%. */
export function percentOfBp(bp: number): string {
  return `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : bp % 10 === 0 ? 1 : 2)}%`;
}
