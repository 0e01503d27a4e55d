/** The SM2 recommended curve (GB/T 32918.5-2017 / GM/T 0003.5-2012), as a noble-curves point type. */
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';

const SM2_P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
export const SM2_A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
export const SM2_B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
export const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
export const SM2_GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
export const SM2_GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

/** Points of the SM2 curve; `fromBytes` validates that a point is on the curve and not infinity. */
export const Sm2Point = weierstrass({
  p: SM2_P,
  n: SM2_N,
  h: 1n,
  a: SM2_A,
  b: SM2_B,
  Gx: SM2_GX,
  Gy: SM2_GY,
});
export type Sm2PointType = ReturnType<typeof Sm2Point.fromBytes>;
