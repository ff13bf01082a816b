import { ShareLinkPanel } from "~/components/distribution-links/share-link-panel";

/**
 * Where the product page offers "分享赚佣金": the share-link panel for members with distribution
 * rights (nothing for everyone else).
 */
export function ProductShareSlot({ productId }: { productId: string }) {
  return <ShareLinkPanel targetType="product" targetId={productId} />;
}
