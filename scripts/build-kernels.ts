// `npm run build:kernels`: writes src/core/net/convKernels.wasm.ts from convKernels.wat.
import { writeFileSync } from 'node:fs';
import { assembleKernels, KERNEL_MODULE, kernelModuleText } from './wasmKernels';

const bytes = await assembleKernels();
writeFileSync(KERNEL_MODULE, kernelModuleText(bytes));
console.log(`${KERNEL_MODULE}: ${bytes.length} bytes of WebAssembly`);
