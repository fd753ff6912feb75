import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const CITIES = ['成都', '上海', '北京', '深圳', '广州', '杭州', '武汉', '西安'];
const WORDS = ['糖酒', '科技', '贸易', '电子', '食品', '医药', '建材', '物流'];
const SUFFIXES = ['有限公司', '集团', '股份有限公司', '商行'];
const INDUSTRIES = ['零售', 'Manufacturing', 'services'];

/**
 * Writes a CSV as an old system exports it: Chinese headers (labels), Chinese names, phone numbers, money with
 * thousands separators, picklist labels in either language, dates. Codes are unique, so a second run is an upsert.
 */
export async function writeAccountsCsv(path: string, lines: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('编码,名称,电话,城市,行业,年营业额,成为客户日期\n');
  for (let i = 1; i <= lines; i++) {
    const city = CITIES[i % CITIES.length]!;
    const name = `${city}${WORDS[(i >> 3) % WORDS.length]!}${SUFFIXES[(i >> 6) % SUFFIXES.length]!}${i}`;
    const revenue = ((i * 7919) % 100_000_000) / 100;
    const day = String(1 + (i % 28)).padStart(2, '0');
    await write(`C${String(i).padStart(7, '0')},${name},138${String(i).padStart(8, '0')},${city},${INDUSTRIES[i % 3]!},"${revenue.toLocaleString('en-US')}",2020-0${1 + (i % 9)}-${day}\n`);
  }
  out.end();
  await once(out, 'finish');
}
