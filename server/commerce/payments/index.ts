// Payments: the provider interface the shop pays through, and the sandbox stand-in.
export type { PaymentOutcome, PaymentProvider, PaymentRequest } from "./payment-provider";
export { SandboxPaymentProvider, defaultPaymentProvider } from "./sandbox-payment-provider";
