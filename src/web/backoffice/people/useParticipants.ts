import { useLiveEvent } from '../../ui/live';
import { useLoad } from '../../ui/useLoad';
import { backoffice } from '../api';
import { useLive } from '../shell/live';

/** Who takes part in a conversation, kept current as people are added and removed (here or elsewhere). */
export function useParticipants(conversationId: number) {
  const participants = useLoad(() => backoffice.participants(conversationId), [conversationId]);
  const live = useLive();
  const reloadIfMine = (frame: { conversationId: number }) => {
    if (frame.conversationId === conversationId) participants.reload();
  };
  useLiveEvent(live, 'participant.added', reloadIfMine);
  useLiveEvent(live, 'participant.removed', reloadIfMine);
  return participants;
}
