;; Float32 WebAssembly SIMD kernels for the convolutional layers while training (convF32.ts drives them).
;; `npm run build:kernels` assembles this file into convKernels.wasm.ts; a test checks the two agree.
;;
;; Layout: every image is channels-last, [y][x][channel], with the channel count padded to a multiple
;; of 4 (the padding channels hold zeros), so one f32x4 covers four channels of one pixel. Pointers
;; are byte offsets into the imported memory; a "geometry" pointer names ten i32 fields:
;;   0 channels (padded)  4 height  8 width  12 filters (padded; a pool's channels)  16 kernel (a pool's size)
;;   20 stride  24 padTop  28 padLeft  32 outHeight  36 outWidth
;; Weights: `wT` is [tap][filter] (tap = (ky, kx, channel), or (channel, ky, K − 1 − kx) for the sparse
;; first layer), `wF` is [filter][tap]; biases and their gradient are [filter].
(module
  (import "env" "memory" (memory 1))

  ;; out[p][f] = bias[f] for `positions` pixels of `fp` filters.
  (func $fillBias (param $out i32) (param $bias i32) (param $positions i32) (param $fp i32)
    (local $end i32) (local $j i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.mul (local.get $positions) (local.get $fp)) (i32.const 2))))
    (block $done
      (loop $pixels
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $j (i32.const 0))
        (loop $filters
          (v128.store (i32.add (local.get $out) (local.get $j)) (v128.load (i32.add (local.get $bias) (local.get $j))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $filters (i32.lt_u (local.get $j) (i32.shl (local.get $fp) (i32.const 2)))))
        (local.set $out (i32.add (local.get $out) (i32.shl (local.get $fp) (i32.const 2))))
        (br $pixels))))

  ;; dst[j] += x * src[j] for j < n floats (n a multiple of 4).
  (func $axpy (param $dst i32) (param $src i32) (param $x v128) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst)
          (f32x4.add (v128.load (local.get $dst)) (f32x4.mul (local.get $x) (v128.load (local.get $src)))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (br $next))))

  ;; Where tap k of some output lands on input coordinate i (padding `pad`): that output's coordinate
  ;; (i + pad − k) / stride, or -1 when no output's tap k lands there.
  (func $outputAt (param $i i32) (param $pad i32) (param $k i32) (param $stride i32) (param $size i32) (result i32)
    (local $t i32) (local $o i32)
    (local.set $t (i32.sub (i32.add (local.get $i) (local.get $pad)) (local.get $k)))
    (if (i32.lt_s (local.get $t) (i32.const 0)) (then (return (i32.const -1))))
    (if (i32.rem_u (local.get $t) (local.get $stride)) (then (return (i32.const -1))))
    (local.set $o (i32.div_u (local.get $t) (local.get $stride)))
    (if (i32.ge_u (local.get $o) (local.get $size)) (then (return (i32.const -1))))
    (local.get $o))

  ;; One run of `bytes` (a multiple of 16) between a weight row and an image: image += x · row
  ;; (mode 0, forward) or row += x · image (mode 1, the weight gradient).
  (func $run (param $row i32) (param $image i32) (param $x v128) (param $bytes i32) (param $mode i32)
    (local $j i32)
    (if (local.get $mode)
      (then
        (loop $backward
          (v128.store (i32.add (local.get $row) (local.get $j)) (f32x4.add
            (v128.load (i32.add (local.get $row) (local.get $j)))
            (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $image) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $backward (i32.lt_u (local.get $j) (local.get $bytes)))))
      (else
        (loop $forward
          (v128.store (i32.add (local.get $image) (local.get $j)) (f32x4.add
            (v128.load (i32.add (local.get $image) (local.get $j)))
            (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $row) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $forward (i32.lt_u (local.get $j) (local.get $bytes)))))))

  ;; $sparse for stride 1, where a kernel row's taps kx = K−1 … 0 reach the contiguous output pixels
  ;; x0 … x0 + K − 1 (x0 = ix + padLeft − K + 1) and weight rows are stored kx-reversed: per pixel and
  ;; kernel row, one run of (K clipped to the image) · fp floats on each side.
  (func $sparseStride1 (param $geo i32) (param $nz i32) (param $nzv i32) (param $nnz i32) (param $rows i32) (param $image i32) (param $mode i32)
    (local $q i32) (local $p i32) (local $x v128) (local $plane i32) (local $c i32) (local $iy i32) (local $ix i32)
    (local $k i32) (local $width i32) (local $outHeight i32) (local $outWidth i32) (local $padTop i32) (local $padLeft i32)
    (local $fpBytes i32) (local $x0 i32) (local $m0 i32) (local $m1 i32) (local $ky0 i32) (local $ky1 i32) (local $ky i32)
    (local $bytes i32) (local $row i32) (local $pixel i32) (local $j i32) (local $t i32)
    (local.set $width (i32.load offset=8 (local.get $geo)))
    (local.set $plane (i32.mul (i32.load offset=4 (local.get $geo)) (local.get $width)))
    (local.set $fpBytes (i32.shl (i32.load offset=12 (local.get $geo)) (i32.const 2)))
    (local.set $k (i32.load offset=16 (local.get $geo)))
    (local.set $padTop (i32.load offset=24 (local.get $geo)))
    (local.set $padLeft (i32.load offset=28 (local.get $geo)))
    (local.set $outHeight (i32.load offset=32 (local.get $geo)))
    (local.set $outWidth (i32.load offset=36 (local.get $geo)))
    (block $done
      (loop $pixels
        (br_if $done (i32.ge_u (local.get $q) (local.get $nnz)))
        (local.set $p (i32.load (i32.add (local.get $nz) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $x (f32x4.splat (f32.load (i32.add (local.get $nzv) (i32.shl (local.get $q) (i32.const 2))))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (local.set $c (i32.div_u (local.get $p) (local.get $plane)))
        (local.set $p (i32.sub (local.get $p) (i32.mul (local.get $c) (local.get $plane))))
        (local.set $iy (i32.div_u (local.get $p) (local.get $width)))
        (local.set $ix (i32.sub (local.get $p) (i32.mul (local.get $iy) (local.get $width))))
        ;; taps m0 … m1 − 1 of a row (m = K − 1 − kx) land inside the output's width
        (local.set $x0 (i32.sub (i32.add (local.get $ix) (local.get $padLeft)) (i32.sub (local.get $k) (i32.const 1))))
        (local.set $m0 (select (i32.sub (i32.const 0) (local.get $x0)) (i32.const 0) (i32.lt_s (local.get $x0) (i32.const 0))))
        (local.set $m1 (i32.sub (local.get $outWidth) (local.get $x0)))
        (local.set $m1 (select (local.get $k) (local.get $m1) (i32.gt_s (local.get $m1) (local.get $k))))
        (br_if $pixels (i32.ge_s (local.get $m0) (local.get $m1)))
        ;; kernel rows ky0 … ky1 − 1 land inside the output's height (oy = iy + padTop − ky)
        (local.set $t (i32.add (local.get $iy) (local.get $padTop)))
        (local.set $ky0 (i32.add (i32.sub (local.get $t) (local.get $outHeight)) (i32.const 1)))
        (local.set $ky0 (select (local.get $ky0) (i32.const 0) (i32.gt_s (local.get $ky0) (i32.const 0))))
        (local.set $ky1 (i32.add (local.get $t) (i32.const 1)))
        (local.set $ky1 (select (local.get $k) (local.get $ky1) (i32.gt_s (local.get $ky1) (local.get $k))))
        (br_if $pixels (i32.ge_s (local.get $ky0) (local.get $ky1)))
        (local.set $bytes (i32.mul (i32.sub (local.get $m1) (local.get $m0)) (local.get $fpBytes)))
        (local.set $row (i32.add (local.get $rows) (i32.mul
          (i32.add (i32.mul (i32.add (i32.mul (local.get $c) (local.get $k)) (local.get $ky0)) (local.get $k)) (local.get $m0))
          (local.get $fpBytes))))
        (local.set $pixel (i32.add (local.get $image) (i32.mul
          (i32.add (i32.mul (i32.sub (local.get $t) (local.get $ky0)) (local.get $outWidth)) (i32.add (local.get $x0) (local.get $m0)))
          (local.get $fpBytes))))
        (local.set $ky (local.get $ky0))
        (loop $rowsOfKernel
          (local.set $j (i32.const 0))
          (if (local.get $mode)
            (then
              (loop $backward
                (v128.store (i32.add (local.get $row) (local.get $j)) (f32x4.add
                  (v128.load (i32.add (local.get $row) (local.get $j)))
                  (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $pixel) (local.get $j))))))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br_if $backward (i32.lt_u (local.get $j) (local.get $bytes)))))
            (else
              (loop $forward
                (v128.store (i32.add (local.get $pixel) (local.get $j)) (f32x4.add
                  (v128.load (i32.add (local.get $pixel) (local.get $j)))
                  (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $row) (local.get $j))))))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br_if $forward (i32.lt_u (local.get $j) (local.get $bytes))))))
          (local.set $row (i32.add (local.get $row) (i32.mul (local.get $k) (local.get $fpBytes))))
          (local.set $pixel (i32.sub (local.get $pixel) (i32.mul (local.get $outWidth) (local.get $fpBytes))))
          (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
          (br_if $rowsOfKernel (i32.lt_u (local.get $ky) (local.get $ky1))))
        (br $pixels))))

  ;; The first layer over a sparse input (nnz pixels: channel-major indices nz[], values nzv[]), any stride:
  ;; forward (mode 0) adds each pixel's value times its taps' weight rows to the outputs it reaches;
  ;; backward (mode 1) adds the pixel's value times those outputs' gradients to the weight rows' gradient.
  ;; `rows` is wT (forward) or its gradient (backward); `image` is the output or its gradient.
  (func $sparse (param $geo i32) (param $nz i32) (param $nzv i32) (param $nnz i32) (param $rows i32) (param $image i32) (param $mode i32)
    (local $q i32) (local $p i32) (local $x v128) (local $plane i32) (local $c i32) (local $iy i32) (local $ix i32)
    (local $ky i32) (local $kx i32) (local $k i32) (local $oy i32) (local $ox i32) (local $fpBytes i32) (local $row i32) (local $pixel i32)
    (local $stride i32) (local $width i32)
    (local.set $width (i32.load offset=8 (local.get $geo)))
    (local.set $plane (i32.mul (i32.load offset=4 (local.get $geo)) (local.get $width)))
    (local.set $k (i32.load offset=16 (local.get $geo)))
    (local.set $stride (i32.load offset=20 (local.get $geo)))
    (local.set $fpBytes (i32.shl (i32.load offset=12 (local.get $geo)) (i32.const 2)))
    (if (i32.eq (local.get $stride) (i32.const 1))
      (then
        (call $sparseStride1 (local.get $geo) (local.get $nz) (local.get $nzv) (local.get $nnz) (local.get $rows) (local.get $image) (local.get $mode))
        (return)))
    (block $done
      (loop $pixels
        (br_if $done (i32.ge_u (local.get $q) (local.get $nnz)))
        (local.set $p (i32.load (i32.add (local.get $nz) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $x (f32x4.splat (f32.load (i32.add (local.get $nzv) (i32.shl (local.get $q) (i32.const 2))))))
        (local.set $c (i32.div_u (local.get $p) (local.get $plane)))
        (local.set $p (i32.sub (local.get $p) (i32.mul (local.get $c) (local.get $plane))))
        (local.set $iy (i32.div_u (local.get $p) (local.get $width)))
        (local.set $ix (i32.sub (local.get $p) (i32.mul (local.get $iy) (local.get $width))))
        (local.set $ky (i32.const 0))
        (loop $rowsOfKernel
          (local.set $oy (call $outputAt (local.get $iy) (i32.load offset=24 (local.get $geo)) (local.get $ky) (local.get $stride) (i32.load offset=32 (local.get $geo))))
          (if (i32.ge_s (local.get $oy) (i32.const 0))
            (then
              (local.set $kx (i32.const 0))
              (loop $colsOfKernel
                (local.set $ox (call $outputAt (local.get $ix) (i32.load offset=28 (local.get $geo)) (local.get $kx) (local.get $stride) (i32.load offset=36 (local.get $geo))))
                (if (i32.ge_s (local.get $ox) (i32.const 0))
                  (then
                    ;; weight row (c, ky, K − 1 − kx) and output pixel (oy, ox), fp filters each
                    (call $run
                      (i32.add (local.get $rows) (i32.mul
                        (i32.add (i32.mul (i32.add (i32.mul (local.get $c) (local.get $k)) (local.get $ky)) (local.get $k))
                          (i32.sub (i32.sub (local.get $k) (i32.const 1)) (local.get $kx)))
                        (local.get $fpBytes)))
                      (i32.add (local.get $image) (i32.mul
                        (i32.add (i32.mul (local.get $oy) (i32.load offset=36 (local.get $geo))) (local.get $ox))
                        (local.get $fpBytes)))
                      (local.get $x) (local.get $fpBytes) (local.get $mode))))
                (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
                (br_if $colsOfKernel (i32.lt_u (local.get $kx) (local.get $k))))))
          (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
          (br_if $rowsOfKernel (i32.lt_u (local.get $ky) (local.get $k))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $pixels))))

  ;; Forward of the sparse first layer: out = bias, then every non-zero pixel's contribution.
  (func (export "sparseForward") (param $geo i32) (param $nz i32) (param $nzv i32) (param $nnz i32) (param $wT i32) (param $bias i32) (param $out i32)
    (call $fillBias (local.get $out) (local.get $bias)
      (i32.mul (i32.load offset=32 (local.get $geo)) (i32.load offset=36 (local.get $geo))) (i32.load offset=12 (local.get $geo)))
    (call $sparse (local.get $geo) (local.get $nz) (local.get $nzv) (local.get $nnz) (local.get $wT) (local.get $out) (i32.const 0)))

  ;; Weight gradient of the sparse first layer: gW += pixel value · output gradient, over non-zero pixels only.
  (func (export "sparseBackward") (param $geo i32) (param $nz i32) (param $nzv i32) (param $nnz i32) (param $g i32) (param $gW i32)
    (call $sparse (local.get $geo) (local.get $nz) (local.get $nzv) (local.get $nnz) (local.get $gW) (local.get $g) (i32.const 1)))

  ;; gB[f] += Σ_p g[p][f].
  (func (export "biasGradient") (param $g i32) (param $gB i32) (param $positions i32) (param $fp i32)
    (local $j i32) (local $at i32) (local $end i32) (local $sum v128) (local $step i32)
    (local.set $step (i32.shl (local.get $fp) (i32.const 2)))
    (local.set $end (i32.add (local.get $g) (i32.mul (local.get $positions) (local.get $step))))
    (block $done
      (loop $filters
        (br_if $done (i32.ge_u (local.get $j) (local.get $step)))
        (local.set $sum (v128.load (i32.add (local.get $gB) (local.get $j))))
        (local.set $at (i32.add (local.get $g) (local.get $j)))
        (block $summed
          (loop $pixels
            (br_if $summed (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $at))))
            (local.set $at (i32.add (local.get $at) (local.get $step)))
            (br $pixels)))
        (v128.store (i32.add (local.get $gB) (local.get $j)) (local.get $sum))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $filters))))

  ;; Copies every patch of `in` into a row of `patches` ([position][ky][kx][channel], zeros where the
  ;; patch hangs over the edge), so that the convolution becomes one matrix product (im2col). A kernel
  ;; row's taps kx0 … kx1 − 1 that fall inside the image are one contiguous run of the input at any stride.
  (func (export "im2col") (param $geo i32) (param $in i32) (param $patches i32)
    (local $oy i32) (local $ox i32) (local $ky i32) (local $iy i32) (local $ix0 i32) (local $kx0 i32) (local $kx1 i32)
    (local $cBytes i32) (local $rowBytes i32) (local $j i32) (local $src i32) (local $from i32) (local $to i32)
    (local $height i32) (local $width i32) (local $size i32) (local $stride i32) (local $padTop i32) (local $padLeft i32) (local $outHeight i32) (local $outWidth i32)
    (local.set $height (i32.load offset=4 (local.get $geo)))
    (local.set $width (i32.load offset=8 (local.get $geo)))
    (local.set $size (i32.load offset=16 (local.get $geo)))
    (local.set $stride (i32.load offset=20 (local.get $geo)))
    (local.set $padTop (i32.load offset=24 (local.get $geo)))
    (local.set $padLeft (i32.load offset=28 (local.get $geo)))
    (local.set $outHeight (i32.load offset=32 (local.get $geo)))
    (local.set $outWidth (i32.load offset=36 (local.get $geo)))
    (local.set $cBytes (i32.shl (i32.load (local.get $geo)) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $size) (local.get $cBytes)))
    (loop $outRows
      (local.set $ox (i32.const 0))
      (loop $outCols
        ;; taps kx0 … kx1 − 1 of each kernel row land inside the image's width
        (local.set $ix0 (i32.sub (i32.mul (local.get $ox) (local.get $stride)) (local.get $padLeft)))
        (local.set $kx0 (select (i32.sub (i32.const 0) (local.get $ix0)) (i32.const 0) (i32.lt_s (local.get $ix0) (i32.const 0))))
        (local.set $kx1 (i32.sub (local.get $width) (local.get $ix0)))
        (local.set $kx1 (select (local.get $size) (local.get $kx1) (i32.gt_s (local.get $kx1) (local.get $size))))
        (local.set $kx1 (select (local.get $kx0) (local.get $kx1) (i32.lt_s (local.get $kx1) (local.get $kx0))))
        (local.set $ky (i32.const 0))
        (loop $rowsOfKernel
          (local.set $iy (i32.sub (i32.add (i32.mul (local.get $oy) (local.get $stride)) (local.get $ky)) (local.get $padTop)))
          ;; bytes [from, to) of this kernel row come from the input; the rest are zeros
          (local.set $from (i32.mul (local.get $kx0) (local.get $cBytes)))
          (local.set $to (i32.mul (local.get $kx1) (local.get $cBytes)))
          (if (i32.ge_u (local.get $iy) (local.get $height))
            (then (local.set $to (local.get $from))))
          (local.set $src (i32.sub
            (i32.add (local.get $in) (i32.mul (i32.add (i32.mul (local.get $iy) (local.get $width)) (local.get $ix0)) (local.get $cBytes)))
            (local.get $patches)))
          (local.set $j (i32.const 0))
          (block $zerosDone
            (loop $zeros
              (br_if $zerosDone (i32.ge_u (local.get $j) (local.get $from)))
              (v128.store (i32.add (local.get $patches) (local.get $j)) (v128.const i32x4 0 0 0 0))
              (local.set $j (i32.add (local.get $j) (i32.const 16)))
              (br $zeros)))
          (block $runDone
            (loop $run
              (br_if $runDone (i32.ge_u (local.get $j) (local.get $to)))
              ;; src is the input's offset from the patch row: the same j indexes both
              (v128.store (i32.add (local.get $patches) (local.get $j))
                (v128.load (i32.add (i32.add (local.get $patches) (local.get $src)) (local.get $j))))
              (local.set $j (i32.add (local.get $j) (i32.const 16)))
              (br $run)))
          (block $restDone
            (loop $rest
              (br_if $restDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
              (v128.store (i32.add (local.get $patches) (local.get $j)) (v128.const i32x4 0 0 0 0))
              (local.set $j (i32.add (local.get $j) (i32.const 16)))
              (br $rest)))
          (local.set $patches (i32.add (local.get $patches) (local.get $rowBytes)))
          (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
          (br_if $rowsOfKernel (i32.lt_u (local.get $ky) (local.get $size))))
        (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
        (br_if $outCols (i32.lt_u (local.get $ox) (local.get $outWidth))))
      (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
      (br_if $outRows (i32.lt_u (local.get $oy) (local.get $outHeight)))))

  ;; out[p][f] = bias[f] + Σ_k patches[p][k] · wT[k][f] for `positions` rows (rounded up to a multiple of
  ;; 4: the buffers have room) of `depth` floats and fp filters. Blocks of 4 rows × 8 filters keep eight
  ;; f32x4 sums in registers, so each weight load serves four rows and each patch value eight filters;
  ;; a 4 × 4 block takes the last four filters when fp is not a multiple of 8.
  (func (export "matmulBias") (param $patches i32) (param $wT i32) (param $bias i32) (param $out i32)
                              (param $positions i32) (param $depth i32) (param $fp i32)
    (local $p i32) (local $f i32) (local $k i32) (local $rowBytes i32) (local $wStep i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $w i32) (local $o i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $w0 v128) (local $w1 v128) (local $x v128)
    (local.set $rowBytes (i32.shl (local.get $depth) (i32.const 2)))
    (local.set $wStep (i32.shl (local.get $fp) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $p) (local.get $positions)))
        (local.set $f (i32.const 0))
        (block $filtersDone
          (loop $filters
            (br_if $filtersDone (i32.ge_u (local.get $f) (local.get $fp)))
            (local.set $a0 (i32.add (local.get $patches) (i32.mul (local.get $p) (local.get $rowBytes))))
            (local.set $a1 (i32.add (local.get $a0) (local.get $rowBytes)))
            (local.set $a2 (i32.add (local.get $a1) (local.get $rowBytes)))
            (local.set $a3 (i32.add (local.get $a2) (local.get $rowBytes)))
            (local.set $w (i32.add (local.get $wT) (i32.shl (local.get $f) (i32.const 2))))
            (local.set $o (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $p) (local.get $fp)) (local.get $f)) (i32.const 2))))
            (local.set $w0 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $f) (i32.const 2)))))
            (local.set $s00 (local.get $w0)) (local.set $s10 (local.get $w0)) (local.set $s20 (local.get $w0)) (local.set $s30 (local.get $w0))
            (local.set $k (local.get $depth))
            (if (i32.le_u (i32.add (local.get $f) (i32.const 8)) (local.get $fp))
              (then
                (local.set $w1 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $f) (i32.const 2)))))
                (local.set $s01 (local.get $w1)) (local.set $s11 (local.get $w1)) (local.set $s21 (local.get $w1)) (local.set $s31 (local.get $w1))
                (loop $taps8
                  (local.set $w0 (v128.load (local.get $w)))
                  (local.set $w1 (v128.load offset=16 (local.get $w)))
                  (local.set $x (v128.load32_splat (local.get $a0)))
                  (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x) (local.get $w0))))
                  (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x) (local.get $w1))))
                  (local.set $x (v128.load32_splat (local.get $a1)))
                  (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x) (local.get $w0))))
                  (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $x) (local.get $w1))))
                  (local.set $x (v128.load32_splat (local.get $a2)))
                  (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $x) (local.get $w0))))
                  (local.set $s21 (f32x4.add (local.get $s21) (f32x4.mul (local.get $x) (local.get $w1))))
                  (local.set $x (v128.load32_splat (local.get $a3)))
                  (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $x) (local.get $w0))))
                  (local.set $s31 (f32x4.add (local.get $s31) (f32x4.mul (local.get $x) (local.get $w1))))
                  (local.set $a0 (i32.add (local.get $a0) (i32.const 4)))
                  (local.set $a1 (i32.add (local.get $a1) (i32.const 4)))
                  (local.set $a2 (i32.add (local.get $a2) (i32.const 4)))
                  (local.set $a3 (i32.add (local.get $a3) (i32.const 4)))
                  (local.set $w (i32.add (local.get $w) (local.get $wStep)))
                  (local.tee $k (i32.sub (local.get $k) (i32.const 1)))
                  (br_if $taps8))
                (v128.store (local.get $o) (local.get $s00))
                (v128.store offset=16 (local.get $o) (local.get $s01))
                (local.set $o (i32.add (local.get $o) (local.get $wStep)))
                (v128.store (local.get $o) (local.get $s10))
                (v128.store offset=16 (local.get $o) (local.get $s11))
                (local.set $o (i32.add (local.get $o) (local.get $wStep)))
                (v128.store (local.get $o) (local.get $s20))
                (v128.store offset=16 (local.get $o) (local.get $s21))
                (local.set $o (i32.add (local.get $o) (local.get $wStep)))
                (v128.store (local.get $o) (local.get $s30))
                (v128.store offset=16 (local.get $o) (local.get $s31))
                (local.set $f (i32.add (local.get $f) (i32.const 8))))
              (else
                (loop $taps4
                  (local.set $w0 (v128.load (local.get $w)))
                  (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (v128.load32_splat (local.get $a0)) (local.get $w0))))
                  (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (v128.load32_splat (local.get $a1)) (local.get $w0))))
                  (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (v128.load32_splat (local.get $a2)) (local.get $w0))))
                  (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (v128.load32_splat (local.get $a3)) (local.get $w0))))
                  (local.set $a0 (i32.add (local.get $a0) (i32.const 4)))
                  (local.set $a1 (i32.add (local.get $a1) (i32.const 4)))
                  (local.set $a2 (i32.add (local.get $a2) (i32.const 4)))
                  (local.set $a3 (i32.add (local.get $a3) (i32.const 4)))
                  (local.set $w (i32.add (local.get $w) (local.get $wStep)))
                  (local.tee $k (i32.sub (local.get $k) (i32.const 1)))
                  (br_if $taps4))
                (v128.store (local.get $o) (local.get $s00))
                (local.set $o (i32.add (local.get $o) (local.get $wStep)))
                (v128.store (local.get $o) (local.get $s10))
                (local.set $o (i32.add (local.get $o) (local.get $wStep)))
                (v128.store (local.get $o) (local.get $s20))
                (local.set $o (i32.add (local.get $o) (local.get $wStep)))
                (v128.store (local.get $o) (local.get $s30))
                (local.set $f (i32.add (local.get $f) (i32.const 4)))))
            (br $filters)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $rows))))

  ;; Backward through a convolution over im2col rows, visiting only the outputs whose gradient is not
  ;; zero (after max pooling and ReLU most are). `scratch` holds two lists of (byte offset, d) pairs:
  ;; per output pixel, its non-zero filters (offset of the filter's row in wF), and per filter, its
  ;; non-zero pixels (offset of the pixel's patch row), fp · (positions + 1) pairs in all.
  ;; Per pixel with any non-zero d, when gIn is not 0 (it is zeroed first): d_f · wF[f] added to the
  ;; input pixels of the patch, one contiguous run per kernel row; gB[f] += d. Then per filter: gW[f] += Σ_p d_p · patch[p],
  ;; four vectors of taps at a time held in registers across that filter's pixels.
  (func (export "convBackward") (param $geo i32) (param $patches i32) (param $wF i32) (param $g i32) (param $gW i32) (param $gB i32) (param $gIn i32) (param $scratch i32)
    (local $p i32) (local $f i32) (local $d f32) (local $fp i32) (local $cp i32) (local $k i32)
    (local $depth i32) (local $positions i32) (local $oy i32) (local $ox i32) (local $ky i32)
    (local $iy i32) (local $at i32) (local $dst i32) (local $tap i32) (local $j i32)
    (local $pixelList i32) (local $pixelEnd i32) (local $filterLists i32) (local $counts i32) (local $entry i32) (local $listEnd i32)
    (local $rowBytes i32) (local $ix0 i32) (local $kx0 i32) (local $kx1 i32) (local $runBytes i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $dv v128) (local $row i32)
    (local $height_ i32) (local $width_ i32) (local $stride_ i32) (local $padTop_ i32) (local $padLeft_ i32) (local $outWidth_ i32)
    (local.set $height_ (i32.load offset=4 (local.get $geo)))
    (local.set $width_ (i32.load offset=8 (local.get $geo)))
    (local.set $stride_ (i32.load offset=20 (local.get $geo)))
    (local.set $padTop_ (i32.load offset=24 (local.get $geo)))
    (local.set $padLeft_ (i32.load offset=28 (local.get $geo)))
    (local.set $outWidth_ (i32.load offset=36 (local.get $geo)))
    (local.set $cp (i32.load (local.get $geo)))
    (local.set $fp (i32.load offset=12 (local.get $geo)))
    (local.set $k (i32.load offset=16 (local.get $geo)))
    (local.set $depth (i32.mul (i32.mul (local.get $k) (local.get $k)) (local.get $cp)))
    (local.set $rowBytes (i32.shl (local.get $depth) (i32.const 2)))
    (local.set $positions (i32.mul (i32.load offset=32 (local.get $geo)) (local.get $outWidth_)))
    ;; scratch: the pixel's list (fp pairs), then per filter a count (i32) and a list of `positions` pairs
    (local.set $pixelList (local.get $scratch))
    (local.set $counts (i32.add (local.get $pixelList) (i32.shl (local.get $fp) (i32.const 3))))
    (local.set $filterLists (i32.add (local.get $counts) (i32.shl (local.get $fp) (i32.const 2))))
    (memory.fill (local.get $counts) (i32.const 0) (i32.shl (local.get $fp) (i32.const 2)))
    (if (local.get $gIn)
      (then (memory.fill (local.get $gIn) (i32.const 0)
        (i32.shl (i32.mul (i32.mul (local.get $height_) (local.get $width_)) (local.get $cp)) (i32.const 2)))))
    (block $pixelsDone
      (loop $pixels
        (br_if $pixelsDone (i32.ge_u (local.get $p) (local.get $positions)))
        (local.set $pixelEnd (local.get $pixelList))
        (local.set $f (i32.const 0))
        (loop $filters
          (local.set $d (f32.load (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $p) (local.get $fp)) (local.get $f)) (i32.const 2)))))
          (if (f32.ne (local.get $d) (f32.const 0))
            (then
              (local.set $at (i32.add (local.get $gB) (i32.shl (local.get $f) (i32.const 2))))
              (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (local.get $d)))
              (i32.store (local.get $pixelEnd) (i32.mul (local.get $f) (local.get $rowBytes)))
              (f32.store offset=4 (local.get $pixelEnd) (local.get $d))
              (local.set $pixelEnd (i32.add (local.get $pixelEnd) (i32.const 8)))
              ;; append (patch row of p, d) to filter f's list
              (local.set $at (i32.add (local.get $counts) (i32.shl (local.get $f) (i32.const 2))))
              (local.set $entry (i32.add (local.get $filterLists)
                (i32.shl (i32.add (i32.mul (local.get $f) (local.get $positions)) (i32.load (local.get $at))) (i32.const 3))))
              (i32.store (local.get $entry) (i32.mul (local.get $p) (local.get $rowBytes)))
              (f32.store offset=4 (local.get $entry) (local.get $d))
              (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))))
          (local.set $f (i32.add (local.get $f) (i32.const 1)))
          (br_if $filters (i32.lt_u (local.get $f) (local.get $fp))))
        (if (i32.and (i32.ne (local.get $gIn) (i32.const 0)) (i32.gt_u (local.get $pixelEnd) (local.get $pixelList)))
          (then
            (local.set $oy (i32.div_u (local.get $p) (local.get $outWidth_)))
            (local.set $ox (i32.sub (local.get $p) (i32.mul (local.get $oy) (local.get $outWidth_))))
            ;; taps kx0 … kx1 − 1 of a kernel row land inside the input's width: one contiguous run
            ;; of (kx1 − kx0) · cp floats in gIn and in each filter's row of wF
            (local.set $ix0 (i32.sub (i32.mul (local.get $ox) (local.get $stride_)) (local.get $padLeft_)))
            (local.set $kx0 (select (i32.sub (i32.const 0) (local.get $ix0)) (i32.const 0) (i32.lt_s (local.get $ix0) (i32.const 0))))
            (local.set $kx1 (i32.sub (local.get $width_) (local.get $ix0)))
            (local.set $kx1 (select (local.get $k) (local.get $kx1) (i32.gt_s (local.get $kx1) (local.get $k))))
            (local.set $runBytes (i32.shl (i32.mul (i32.sub (local.get $kx1) (local.get $kx0)) (local.get $cp)) (i32.const 2)))
            (local.set $ky (i32.const 0))
            (loop $rowsOfKernel
              (local.set $iy (i32.sub (i32.add (i32.mul (local.get $oy) (local.get $stride_)) (local.get $ky)) (local.get $padTop_)))
              (if (i32.and (i32.lt_u (local.get $iy) (local.get $height_)) (i32.gt_s (local.get $runBytes) (i32.const 0)))
                (then
                  ;; gIn[iy][ix0 + kx][·] += Σ_f d_f · wF[f][ky][kx][·] for kx in [kx0, kx1)
                  (local.set $dst (i32.add (local.get $gIn) (i32.shl (i32.mul
                    (i32.add (i32.mul (local.get $iy) (local.get $width_)) (i32.add (local.get $ix0) (local.get $kx0))) (local.get $cp)) (i32.const 2))))
                  (local.set $tap (i32.add (local.get $wF) (i32.shl (i32.mul (i32.add (i32.mul (local.get $ky) (local.get $k)) (local.get $kx0)) (local.get $cp)) (i32.const 2))))
                  (local.set $entry (local.get $pixelList))
                  (loop $nonZero
                    (local.set $dv (v128.load32_splat offset=4 (local.get $entry)))
                    (local.set $row (i32.add (local.get $tap) (i32.load (local.get $entry))))
                    (local.set $j (i32.const 0))
                    (loop $run
                      (v128.store (i32.add (local.get $dst) (local.get $j)) (f32x4.add
                        (v128.load (i32.add (local.get $dst) (local.get $j)))
                        (f32x4.mul (local.get $dv) (v128.load (i32.add (local.get $row) (local.get $j))))))
                      (local.set $j (i32.add (local.get $j) (i32.const 16)))
                      (br_if $run (i32.lt_u (local.get $j) (local.get $runBytes))))
                    (local.set $entry (i32.add (local.get $entry) (i32.const 8)))
                    (br_if $nonZero (i32.lt_u (local.get $entry) (local.get $pixelEnd))))))
              (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
              (br_if $rowsOfKernel (i32.lt_u (local.get $ky) (local.get $k))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $pixels)))
    ;; gW, filter by filter, over that filter's non-zero pixels
    (local.set $f (i32.const 0))
    (loop $filterRows
      (local.set $listEnd (i32.add (local.get $filterLists) (i32.shl (i32.add (i32.mul (local.get $f) (local.get $positions))
        (i32.load (i32.add (local.get $counts) (i32.shl (local.get $f) (i32.const 2))))) (i32.const 3))))
      (local.set $row (i32.add (local.get $gW) (i32.mul (local.get $f) (local.get $rowBytes))))
      (if (i32.gt_u (local.get $listEnd) (i32.add (local.get $filterLists) (i32.shl (i32.mul (local.get $f) (local.get $positions)) (i32.const 3))))
        (then
          (local.set $j (i32.const 0))
          (block $blocksDone
            (loop $blocks
              (br_if $blocksDone (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $rowBytes)))
              (local.set $at (i32.add (local.get $row) (local.get $j)))
              (local.set $a0 (v128.load (local.get $at)))
              (local.set $a1 (v128.load offset=16 (local.get $at)))
              (local.set $a2 (v128.load offset=32 (local.get $at)))
              (local.set $a3 (v128.load offset=48 (local.get $at)))
              (local.set $entry (i32.add (local.get $filterLists) (i32.shl (i32.mul (local.get $f) (local.get $positions)) (i32.const 3))))
              (loop $pixelsOfFilter
                (local.set $dv (v128.load32_splat offset=4 (local.get $entry)))
                (local.set $dst (i32.add (i32.add (local.get $patches) (i32.load (local.get $entry))) (local.get $j)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $dv) (v128.load (local.get $dst)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $dv) (v128.load offset=16 (local.get $dst)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $dv) (v128.load offset=32 (local.get $dst)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $dv) (v128.load offset=48 (local.get $dst)))))
                (local.set $entry (i32.add (local.get $entry) (i32.const 8)))
                (br_if $pixelsOfFilter (i32.lt_u (local.get $entry) (local.get $listEnd))))
              (v128.store (local.get $at) (local.get $a0))
              (v128.store offset=16 (local.get $at) (local.get $a1))
              (v128.store offset=32 (local.get $at) (local.get $a2))
              (v128.store offset=48 (local.get $at) (local.get $a3))
              (local.set $j (i32.add (local.get $j) (i32.const 64)))
              (br $blocks)))
          ;; the last one to three vectors of the row
          (block $tailDone
            (loop $tail
              (br_if $tailDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
              (local.set $at (i32.add (local.get $row) (local.get $j)))
              (local.set $a0 (v128.load (local.get $at)))
              (local.set $entry (i32.add (local.get $filterLists) (i32.shl (i32.mul (local.get $f) (local.get $positions)) (i32.const 3))))
              (loop $pixelsOfFilterTail
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load32_splat offset=4 (local.get $entry))
                  (v128.load (i32.add (i32.add (local.get $patches) (i32.load (local.get $entry))) (local.get $j))))))
                (local.set $entry (i32.add (local.get $entry) (i32.const 8)))
                (br_if $pixelsOfFilterTail (i32.lt_u (local.get $entry) (local.get $listEnd))))
              (v128.store (local.get $at) (local.get $a0))
              (local.set $j (i32.add (local.get $j) (i32.const 16)))
              (br $tail)))))
      (local.set $f (i32.add (local.get $f) (i32.const 1)))
      (br_if $filterRows (i32.lt_u (local.get $f) (local.get $fp)))))

  ;; out = max(in, 0) over n floats (a multiple of 4).
  (func (export "reluForward") (param $in i32) (param $out i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $in) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $in) (local.get $end)))
        (v128.store (local.get $out) (f32x4.max (v128.load (local.get $in)) (v128.const f32x4 0 0 0 0)))
        (local.set $in (i32.add (local.get $in) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $next))))

  ;; gIn = g where z > 0, else 0 (ReLU's derivative is 0 at 0, as the scalar engine has it).
  (func (export "reluBackward") (param $z i32) (param $g i32) (param $gIn i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $z) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $z) (local.get $end)))
        (v128.store (local.get $gIn)
          (v128.and (v128.load (local.get $g)) (f32x4.gt (v128.load (local.get $z)) (v128.const f32x4 0 0 0 0))))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $gIn (i32.add (local.get $gIn) (i32.const 16)))
        (br $next))))

  ;; Max pooling, four channels at a time: each window's largest value and, in `argmax` (i32), the float
  ;; index in `in` it came from; the first in row-major order wins a tie, as in the float64 kernel.
  (func (export "poolForward") (param $geo i32) (param $in i32) (param $out i32) (param $argmax i32)
    (local $oy i32) (local $ox i32) (local $c i32) (local $ky i32) (local $kx i32) (local $cp i32) (local $at i32)
    (local $best v128) (local $index v128) (local $v v128) (local $wins v128) (local $lanes v128)
    (local $width_ i32) (local $size_ i32) (local $stride_ i32) (local $outHeight_ i32) (local $outWidth_ i32)
    (local.set $width_ (i32.load offset=8 (local.get $geo)))
    (local.set $size_ (i32.load offset=16 (local.get $geo)))
    (local.set $stride_ (i32.load offset=20 (local.get $geo)))
    (local.set $outHeight_ (i32.load offset=32 (local.get $geo)))
    (local.set $outWidth_ (i32.load offset=36 (local.get $geo)))
    (local.set $cp (i32.load (local.get $geo)))
    (local.set $lanes (v128.const i32x4 0 1 2 3))
    (loop $outRows
      (local.set $ox (i32.const 0))
      (loop $outCols
        (local.set $c (i32.const 0))
        (loop $channels
          (local.set $ky (i32.const 0))
          (local.set $best (v128.const f32x4 -inf -inf -inf -inf))
          (loop $rowsOfWindow
            (local.set $kx (i32.const 0))
            (loop $colsOfWindow
              (local.set $at (i32.add (i32.mul (i32.add
                (i32.mul (i32.add (i32.mul (local.get $oy) (local.get $stride_)) (local.get $ky)) (local.get $width_))
                (i32.add (i32.mul (local.get $ox) (local.get $stride_)) (local.get $kx))) (local.get $cp)) (local.get $c)))
              (local.set $v (v128.load (i32.add (local.get $in) (i32.shl (local.get $at) (i32.const 2)))))
              (local.set $wins (v128.or (f32x4.gt (local.get $v) (local.get $best))
                ;; the window's first value always counts (even a NaN): all lanes set when ky = kx = 0
                (i32x4.splat (i32.sub (i32.const 0) (i32.eqz (i32.or (local.get $ky) (local.get $kx)))))))
              (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $wins)))
              (local.set $index (v128.bitselect (i32x4.add (i32x4.splat (local.get $at)) (local.get $lanes)) (local.get $index) (local.get $wins)))
              (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
              (br_if $colsOfWindow (i32.lt_u (local.get $kx) (local.get $size_))))
            (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
            (br_if $rowsOfWindow (i32.lt_u (local.get $ky) (local.get $size_))))
          (v128.store (local.get $out) (local.get $best))
          (v128.store (local.get $argmax) (local.get $index))
          (local.set $out (i32.add (local.get $out) (i32.const 16)))
          (local.set $argmax (i32.add (local.get $argmax) (i32.const 16)))
          (local.set $c (i32.add (local.get $c) (i32.const 4)))
          (br_if $channels (i32.lt_u (local.get $c) (local.get $cp))))
        (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
        (br_if $outCols (i32.lt_u (local.get $ox) (local.get $outWidth_))))
      (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
      (br_if $outRows (i32.lt_u (local.get $oy) (local.get $outHeight_)))))

  ;; Backward of max pooling: gIn (nIn floats) is zeroed, then each non-zero window gradient goes to its winner.
  (func (export "poolBackward") (param $g i32) (param $argmax i32) (param $gIn i32) (param $nOut i32) (param $nIn i32)
    (local $o i32) (local $d f32) (local $at i32)
    (memory.fill (local.get $gIn) (i32.const 0) (i32.shl (local.get $nIn) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $nOut)))
        (local.set $d (f32.load (i32.add (local.get $g) (i32.shl (local.get $o) (i32.const 2)))))
        (if (f32.ne (local.get $d) (f32.const 0))
          (then
            (local.set $at (i32.add (local.get $gIn) (i32.shl (i32.load (i32.add (local.get $argmax) (i32.shl (local.get $o) (i32.const 2)))) (i32.const 2))))
            (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (local.get $d)))))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $next))))

  ;; A dense layer on the last image (n floats, a multiple of 4): z[j] = bias[j] + W[j] · a for `units` rows.
  (func (export "denseForward") (param $w i32) (param $bias i32) (param $a i32) (param $z i32) (param $units i32) (param $n i32)
    (local $j i32) (local $i i32) (local $s0 v128) (local $s1 v128) (local $bytes i32)
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $j) (local.get $units)))
        ;; two sums, so that the additions of consecutive pairs do not wait on each other
        (local.set $s0 (v128.const f32x4 0 0 0 0))
        (local.set $s1 (v128.const f32x4 0 0 0 0))
        (local.set $i (i32.const 0))
        (block $summed
          (loop $columns
            (br_if $summed (i32.ge_u (i32.add (local.get $i) (i32.const 16)) (local.get $bytes)))
            (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (v128.load (i32.add (local.get $w) (local.get $i))) (v128.load (i32.add (local.get $a) (local.get $i))))))
            (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (v128.load offset=16 (i32.add (local.get $w) (local.get $i))) (v128.load offset=16 (i32.add (local.get $a) (local.get $i))))))
            (local.set $i (i32.add (local.get $i) (i32.const 32)))
            (br $columns)))
        (if (i32.lt_u (local.get $i) (local.get $bytes))
          (then (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (v128.load (i32.add (local.get $w) (local.get $i))) (v128.load (i32.add (local.get $a) (local.get $i))))))))
        (local.set $s0 (f32x4.add (local.get $s0) (local.get $s1)))
        (f32.store (i32.add (local.get $z) (i32.shl (local.get $j) (i32.const 2)))
          (f32.add (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))
            (f32.add
              (f32.add (f32x4.extract_lane 0 (local.get $s0)) (f32x4.extract_lane 1 (local.get $s0)))
              (f32.add (f32x4.extract_lane 2 (local.get $s0)) (f32x4.extract_lane 3 (local.get $s0))))))
        (local.set $w (i32.add (local.get $w) (local.get $bytes)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $rows))))

  ;; Backward of denseForward given delta = dC/dz: gB += delta, gW[j] += delta[j] · a and, when gIn is
  ;; not 0, gIn = Σ_j delta[j] · W[j].
  (func (export "denseBackward") (param $w i32) (param $a i32) (param $delta i32) (param $gW i32) (param $gB i32) (param $gIn i32) (param $units i32) (param $n i32)
    (local $j i32) (local $d f32) (local $bytes i32) (local $at i32)
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (if (local.get $gIn) (then (memory.fill (local.get $gIn) (i32.const 0) (local.get $bytes))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $j) (local.get $units)))
        (local.set $d (f32.load (i32.add (local.get $delta) (i32.shl (local.get $j) (i32.const 2)))))
        (if (f32.ne (local.get $d) (f32.const 0))
          (then
            (local.set $at (i32.add (local.get $gB) (i32.shl (local.get $j) (i32.const 2))))
            (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (local.get $d)))
            (call $axpy (i32.add (local.get $gW) (i32.mul (local.get $j) (local.get $bytes))) (local.get $a) (f32x4.splat (local.get $d)) (local.get $n))
            (if (local.get $gIn)
              (then (call $axpy (local.get $gIn) (i32.add (local.get $w) (i32.mul (local.get $j) (local.get $bytes))) (f32x4.splat (local.get $d)) (local.get $n))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $rows))))
)
