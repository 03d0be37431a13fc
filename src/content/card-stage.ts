/** Entry of the card UI's file (stages.ts): hands the card's renderer to the card host. */
import { CARD_STYLES, renderCard } from './card-view';
import { provideStage } from './stage-loader';

provideStage('card', { CARD_STYLES, renderCard });
