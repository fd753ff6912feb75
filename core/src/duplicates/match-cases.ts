/**
 * Values and the key each match key gives them: the conformance table that both renderings of a key, its JavaScript
 * and its SQL function (runtime/test/duplicates), must agree with.
 */
export const MATCH_KEY_CASES: Readonly<Record<'text' | 'email' | 'phone', ReadonlyArray<readonly [value: string, key: string]>>> = {
  text: [
    ['ＡＢＣ公司', 'abc公司'],
    ['ABC 公司（北京）', 'abc公司北京'],
    ['abc公司(北京)', 'abc公司北京'],
    ['四川糖酒·集团、有限公司。', '四川糖酒集团有限公司'],
    ['《星河》【零售】「深圳」〔分部〕…—～', '星河零售深圳分部'],
    ['“引号”‘单引号’ ，；：？！', '引号单引号'],
    ['ÉCOLE Société Générale', 'écolesociétégénérale'],
    ['ΣΑΣ ДЖОН Ǆ ẞ Ḁ', 'σασджонdžßḁ'],
    // Capitals JavaScript lower-cases to two code points stay, on both sides.
    ['İstanbul', 'İstanbul'],
    // NFKC: the Kelvin sign is a K, ㈱ is (株) and ㍿ is 株式会社.
    ['\u212Aelvin ㈱ ㍿', 'kelvin株株式会社'],
    ['〇二四々 ヶ月', '〇二四々ヶ月'],
    ['株式会社　テスト・カンパニー', '株式会社テストカンパニー'],
    ['O\'Brien & Co., Ltd.', 'obriencoltd'],
    ['a\u200Bb\uFEFFc\u00A0d\te\nf', 'abcdef'],
    ['x🎉y', 'x🎉y'],
    ['ｶﾀｶﾅ', 'カタカナ'],
    ['', ''],
    ['（）、。', ''],
  ],
  email: [
    [' Bob@Example.COM ', 'bob@example.com'],
    ['\u3000ÉMILE@Exemple.FR\t', 'émile@exemple.fr'],
    ['a.b+c@x.cn', 'a.b+c@x.cn'],
    ['  ', ''],
  ],
  phone: [
    ['+86 138 0013 8000', '13800138000'],
    ['0086-138-0013-8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['(010) 6552-8888', '01065528888'],
    ['+86 10 6552 8888', '01065528888'],
    ['+86 571 8888 6666', '057188886666'],
    ['0571-88886666', '057188886666'],
    ['+1 415 555 0100', '14155550100'],
    ['+86 12345', '8612345'],
    ['010-1234 转 56', '010123456'],
    ['１３８００１３８０００', '13800138000'],
    ['x', ''],
  ],
};
