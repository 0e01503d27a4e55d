/** Strings of the explorer's named ids (the block's transactions: whom each is about). */
export const zh = {
  txSubject: '对象',
};

export const en: { readonly [K in keyof typeof zh]: string } = {
  txSubject: 'About',
};
