/**
 * Whole messages as they arrive — a buyer's note pasted from Taobao, an e-mail signature, an agent's call log —
 * with several kinds of personal data next to order numbers, waybills, amounts and dates.
 */
import { cardNumber as card, grouped, idCardNumber as id } from './check-digits';
import { type LabeledSentence, lookalike, mark, say } from './labels';

const { idCard, mobile, landline, bankCard, email, passport, address } = mark;

export const conversationSentences: LabeledSentence[] = [
  say`收货人：王芳，手机：${mobile('13812345678')}，地址：广东省广州市天河区${address('天河路385号太古汇1座2801')}`,
  say`姓名：李雷 电话：${mobile('15912345678')} 身份证：${idCard(id('44010619900101123'))}`,
  say`订单号3712345678901234567，收件人张伟${mobile('18612345678')}，麻烦改地址到朝阳区${address('望京西路48号金隅国际B座1203')}`,
  lookalike(
    'bank_card',
    'id_card',
  )`退款3000元请打到${bankCard(card('622848040256489001'))}，订单号 189234567890123456，身份证${idCard(id('11010519491231002'))}`,
  say`--\n王小明 | 采购经理\n电话：${landline('0755-26781234')} 手机：${mobile('138 0013 8000')}\n邮箱：${email('xiaoming.wang@example.com')}`,
  say`来电记录 2023-10-27 14:30：客户刘女士（${mobile('13698765432')}）反映订单 282736451023 少件，已登记`,
  lookalike('mobile')`京东订单282736451023，联系电话${mobile('13512345678')}，工单20231027001`,
  say`海外直邮，收件人护照${passport('E12345678')}，电话${mobile('+86 139 1234 5678')}，邮箱${email('li.hua@gmail.com')}`,
  say`张先生，${mobile('13812345678')}，上海市浦东新区${address('张江镇祖冲之路887弄5号101室')}，顺丰到付`,
  lookalike(
    'mobile',
    'bank_card',
  )`支付宝交易号2023102722001412345678901234，金额¥1299.00，付款手机${mobile('18812345678')}`,
  say`发票信息：抬头 个人，身份证${idCard(id('33010619920815102'))}，邮箱${email('fp_2023@163.com')}`,
  lookalike('mobile')`快递单号SF1234567890123，快递员电话${mobile('17712345678')}，说放驿站了`,
  say`客户要求退款到银行卡：${bankCard(grouped(card('621700001234567890'), [4, 4, 4, 4, 3]))}（建行），户名陈静，电话${mobile('13612345678')}`,
  say`联系人：赵敏\n手机：${mobile('18098765432')}\n座机：${landline('021-62345678')}\n地址：上海市静安区${address('南京西路1266号恒隆广场2座3801')}`,
  lookalike(
    'bank_card',
  )`拼多多订单 231027-123456789012345，收货人电话${mobile('15812345678')}，卡号${bankCard(card('621483012345678'))}`,
  say`亲，电话${mobile('13912345678')}，地址${address('幸福里小区3-2-501')}，货到了放门口就行`,
  lookalike('landline')`客服热线400-800-1234打不通，我的座机${landline('010-82345678')}，请回电`,
  say`Dear support, my order has not arrived. Phone ${mobile('+86 138 1234 5678')}, email ${email('anna.li@outlook.com')}, passport ${passport('E87654321')}.`,
  lookalike('mobile')`韵达 4312345678901 一直没派送，收件人${mobile('13412345678')}`,
  say`王女士 ${mobile('13812345678')} 北京市朝阳区${address('建国路88号院3号楼1单元502')} 身份证${idCard(id('11010519850612433'))}`,
  lookalike(
    'id_card',
  )`天猫订单号 189234567890123456 的发票开给${idCard(id('51010719881120301'))}，邮箱${email('tax@shop-owner.cn')}`,
  say`（电话回访）客户手机${mobile('150 1234 5678')}，家里座机${landline('0571-86123456')}，均已接通`,
  lookalike(
    'mobile',
    'passport',
  )`型号X200，序列号KF2023A0912，维修后寄回：${mobile('18912345678')}，${address('阳光花园3栋2单元1101')}`,
  say`报名信息：姓名 LI HUA，护照 ${passport('EA1234567')}，手机 ${mobile('0086 13312345678')}`,
  lookalike(
    'bank_card',
  )`退款金额 2999.00 元，原路退回尾号6789的卡；如果失败请退到${bankCard(card('622202100112345678'))}`,
  say`我的QQ邮箱${email('123456789@qq.com')}，QQ号就是123456789，手机${mobile('13800138000')}`,
  lookalike(
    'mobile',
  )`抖音订单4912345678901234567，收件人${mobile('19912345678')}，江苏省南京市鼓楼区${address('中山北路200号3栋2单元601')}`,
  say`企业客户：深圳某某科技有限公司，联系人周先生，${landline('0755-86661234')}，${mobile('13712345678')}，${email('zhou@moumou.cn')}`,
  lookalike(
    'id_card',
    'bank_card',
  )`工单 20231027001 / 订单 3712345678901234567 / 运单 773012345678901 / 手机 ${mobile('13612345678')}`,
  say`持卡人 陈刚 卡号 ${bankCard(grouped(card('436742123456789'), [4, 4, 4, 4]))} 身份证 ${idCard(id('32010619870729244'))}`,
  lookalike('landline')`发票代码 044031900111 发票号码 12345678 开票电话 ${landline('0755-88886666')}`,
  say`换货请寄：湖北省武汉市洪山区${address('珞喻路1037号华中科技大学东区12栋')}，${mobile('18612345678')}，${email('hust_student@qq.com')}`,
  lookalike(
    'mobile',
    'landline',
  )`优惠券 KF2023ABCD 没用上，订单金额 ¥1299.00，数量 2，客服电话 95188，我电话${mobile('13512345678')}`,
  say`身份证${idCard(id('62010219880606123'))}、银行卡${bankCard(card('622848111122223333'))}，都是实名的`,
  say`收件：${address('万科城二期12栋1801')}，${mobile('138-1234-5678')}，周末送`,
  lookalike('passport')`护照${passport('G12345678')}，机票订单号 E2023102712345 已出票`,
  say`请联系我爱人：${mobile('13612345678')}，或者邮件${email('family.chen@163.com')}`,
  lookalike('mobile')`版本号 v2.3.15，设备IP 192.168.1.138，客户手机${mobile('13912345678')}`,
  say`客户张三，证件${idCard(id('44030519900307281'))}，卡${bankCard(card('621226123456789012'))}，电话${mobile('13812345678')}，已核实`,
  lookalike('address')`2023年10月27日下单，10号之前到，寄到${address('学院路30号')}，谢谢`,
  say`Shipping to: ${address('科技园南路18号XX大厦2301室')}, Nanshan, Shenzhen. Tel ${mobile('+86 138 1234 5678')}`,
  say`联系人李雷${mobile('13812345678')}${address('体育西路103号维多利广场B塔3201')}`,
  lookalike('mobile')`订单号：13712345678（京东），收货手机：${mobile('13787654321')}`,
  say`客户在电话里报的：身份证${idCard(grouped(id('31011519850612433'), [6, 8, 4]))}，手机${mobile('138 1234 5678')}`,
];
