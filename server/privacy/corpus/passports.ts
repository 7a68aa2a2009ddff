/**
 * Passport numbers for cross-border orders, tickets and visas: Chinese E/EA/G numbers alone, foreign numbers after
 * 护照 or passport; and product, error and courier codes that share their shape.
 */
import { fullWidth } from './check-digits';
import { type LabeledSentence, lookalike, mark, say } from './labels';

const { passport } = mark;
const notAPassport = lookalike('passport');

export const passportSentences: LabeledSentence[] = [
  say`护照号${passport('E12345678')}，出国前能到货吗`,
  say`护照号码：${passport('E87654321')}，订机票用`,
  say`我的护照${passport('G12345678')}是旧版的，还能用吗`,
  say`代购清关需要护照，${passport('EA1234567')}`,
  say`旅客信息：姓名 ZHANG/SAN 证件 ${passport('E23456789')}`,
  say`passport no. ${passport('E98765432')}`,
  say`Passport: ${passport('EB7654321')}`,
  say`护照号是${passport('g87654321')}，字母小写也行吧`,
  say`证件类型护照，号码${passport('EC2345678')}`,
  say`入住登记用护照${passport('E55667788')}，身份证没带`,
  say`退税单上的护照号${passport('E11223344')}填错了`,
  say`${passport('E66778899')}，这是我的护照号，签证页已上传`,
  say`护照号码${passport(fullWidth('E13572468'))}`,
  say`美国护照号 ${passport('123456789')}，地址是国外的`,
  say`My passport number is ${passport('543219876')}.`,
  say`Passport No.: ${passport('TK1234567')} (Japan)`,
  say`护照：${passport('M12345678')}（韩国）`,
  say`德国护照 ${passport('C01X00T47')}`,
  say`客户护照号${passport('AB123456')}，加拿大籍`,
  say`护照号码 ${passport('K12345678')}，香港特区护照`,
  say`外籍客户，passport ${passport('987654321')}，要开英文发票`,
  say`英国护照 ${passport('120382978')}，请核对`,
  say`护照号是 ${passport('J8369854')}，印度的`,
  say`机票订单里的护照号${passport('E24681357')}，名字拼音写反了`,
  say`免税店提货要护照号：${passport('EH1234567')}`,
  say`护照${passport('G23456789')}已过期，新护照${passport('E34567890')}`,
  say`证件号码(护照)：${passport('E45678901')}`,
  say`海关要求补充护照信息，号码${passport('E56789012')}，有效期到2030年`,
  say`Passport ${passport('P1234567')}, Philippines`,
  say`护照号${passport('E67890123')}姓名LI/HUA`,
  say`留学生，护照号${passport('EJ7654321')}，学生证也有`,
  say`新护照号码${passport('E78901234')}，请更新会员资料`,
  say`passport#${passport('E89012345')}`,
  say`护照信息：${passport('E90123456')}，出生日期1990-01-01`,
  say`我用护照注册的，${passport('E10293847')}`,
  say`护照号${passport('E56473829')}，酒店说系统里查不到`,

  notAPassport`型号E12345（老款）还有配件吗`,
  notAPassport`错误代码E1，洗衣机不排水`,
  notAPassport`显示E3故障码怎么处理`,
  notAPassport`订单号 E12345678 还没发货`,
  notAPassport`快递单号 EA123456789CN 是EMS国际件`,
  notAPassport`运单号：E123456789012`,
  notAPassport`CPU 是 E3-1230v2，主板不兼容`,
  notAPassport`高铁G1234次晚点了，能改签吗`,
  notAPassport`G20231027批次的产品有问题`,
  notAPassport`优惠码 GIFT2023 用不了`,
  notAPassport`SKU: E1234567-BLK`,
  notAPassport`护照丢了，补办需要多久`,
  notAPassport`护照照片尺寸 33x48 毫米`,
  notAPassport`商品编号 123456789，护照夹款`,
  notAPassport`型号 G12345678 的护照夹还有货吗`,
  notAPassport`护照套订单 231027123456 发货了吗`,
  notAPassport`单号G12345678，请查一下物流`,
  notAPassport`产品批次 E2023A1027，保质期两年`,
];
