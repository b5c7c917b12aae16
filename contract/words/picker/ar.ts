/** كلمات اختيار الموعد بالعربية. */
import type { PickerWords } from './en.js';

export const AR_PICKER: PickerWords = {
  choose_heading: 'اختر موعدًا',
  choose_intro: 'المواعيد المتاحة لدى فريقنا، بتوقيتك المحلي.',
  times_in: 'المواعيد بتوقيت {zone}',
  change_zone: 'تغيير المنطقة الزمنية',
  day_list: 'أيام فيها مواعيد متاحة',
  time_list: 'المواعيد المتاحة يوم {day}',
  loading: 'جارٍ البحث عن مواعيد متاحة…',
  none: 'لا توجد مواعيد متاحة خلال الأسبوعين القادمين. يرجى إخبارنا بالموعد الذي يناسبك بدلًا من ذلك.',
  back: 'العودة إلى بياناتك',
  booking: 'جارٍ الحجز…',
  taken: 'حجز أحدهم هذا الموعد للتو. هذه أقرب المواعيد المتاحة:',
  booked_heading: 'تم حجز عرضك التوضيحي',
  booked_body: '{time} مع {rep}. الدعوة في طريقها إلى {email}.',
  add_to_calendar: 'أضف إلى التقويم',
  invite_title: 'عرض توضيحي مع {rep}',
};
