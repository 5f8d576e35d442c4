import { EMBEDDED_MNIST_PATH } from '../core/data/embedded';

/** URL of the embedded MNIST split, served next to the app: what the training and lecture workers load. */
export const embeddedUrl = (): string => new URL(import.meta.env.BASE_URL + EMBEDDED_MNIST_PATH, location.href).href;
