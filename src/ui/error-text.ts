// What an error says to the learner: its bilingual `text` where kindlab wrote one (TextError,
// ClusterUnreachable, WrongContext, DeadlineExceeded, LessonFileError…), else its message, which
// is then a library's or a tool's own words and is shown as it is.
import { textOfError, type Lang } from '../core/text.js';

export const errorText = (error: unknown, lang: Lang): string => textOfError(error)[lang];
